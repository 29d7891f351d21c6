/**
 * A team session with a before- and an after-check, against the built server over real HTTP and SSE with
 * a real SQLite file: the checks' forms, answers at each phone's pace with no feedback, counts only on the
 * host's screen, pairing of a player's two checks by the rejoin token, a SIGKILL in the after-check and a
 * restart that resumes it, the room's before → after in the report, and bad requests with their codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedBank, shippedCatalog } from '$lib/quiz/test-catalog';
import type {
	CheckProgress,
	CheckResponse,
	CreateRoomResponse,
	HostResponse,
	HostView,
	JoinResponse,
	PlayerView,
	Report
} from '$lib/live/protocol';
import {
	call,
	killServer,
	openStream,
	startServer,
	type ErrorReply,
	type Server,
	type SseStream
} from './server';

const catalog = shippedCatalog();
const forms = shippedBank().forms ?? [];
const env = { FRAUD_DRILL_JOIN_LIMIT: '1000', FRAUD_DRILL_HEARTBEAT_MS: '1000' };

interface Player {
	id: string;
	token: string;
}

async function create(server: Server, body: unknown) {
	const res = await call<CreateRoomResponse>(server, 'POST', '/api/live/rooms', body);
	expect(res.status, res.text).toBe(201);
	return res.body;
}

async function join(server: Server, code: string, body: unknown = {}) {
	const res = await call<JoinResponse>(server, 'POST', `/api/live/rooms/${code}/join`, body);
	expect(res.status, res.text).toBeLessThan(300);
	return res.body;
}

async function host(server: Server, room: CreateRoomResponse, action: string) {
	const res = await call<HostResponse>(server, 'POST', `/api/live/rooms/${room.code}/host`, {
		secret: room.hostSecret,
		action
	});
	expect(res.status, res.text).toBe(200);
	return res.body.room;
}

function check(server: Server, code: string, p: Player, body: Record<string, unknown>) {
	return call<CheckResponse & ErrorReply>(server, 'POST', `/api/live/rooms/${code}/check`, {
		playerId: p.id,
		token: p.token,
		confidence: 'sure',
		...body
	});
}

/** What the scenario of a check item really is. */
const truth = (id: string) => catalog.scenario.get(id)?.verdict ?? 'scam';

/**
 * Answers every item of a check: `hits` of the scams called scams and `fas` of the genuine items called
 * scams, the rest the other way.
 */
async function takeCheck(
	server: Server,
	code: string,
	p: Player,
	stage: 'pre' | 'post',
	items: string[],
	hits: number,
	fas: number,
	from = 0
) {
	let scams = 0;
	let genuine = 0;
	for (const [item, id] of items.entries()) {
		const scam = truth(id) === 'scam';
		const n = scam ? scams++ : genuine++;
		if (item < from) continue;
		const said = scam ? (n < hits ? 'scam' : 'legitimate') : n < fas ? 'scam' : 'legitimate';
		const res = await check(server, code, p, {
			stage,
			item,
			said,
			confidence: n % 2 ? 'unsure' : 'sure'
		});
		expect(res.status, res.text).toBe(200);
	}
}

const hostPath = (room: CreateRoomResponse) => `/api/live/rooms/${room.code}/events`;
const asHost = (room: CreateRoomResponse) => ({ headers: { 'x-host-secret': room.hostSecret } });
const playerPath = (code: string, p: Player) =>
	`/api/live/rooms/${code}/events?player=${p.id}&token=${encodeURIComponent(p.token)}`;

describe('a session with a before- and an after-check', () => {
	let server: Server;
	const streams: SseStream[] = [];

	beforeAll(async () => {
		server = await startServer({ env });
	});
	afterAll(async () => {
		for (const s of streams) s.close();
		await killServer(server, 'SIGTERM');
	});

	it('runs pre-check → training → post-check → report, resumes after kill -9, pairs by token', async () => {
		expect(forms.length).toBeGreaterThanOrEqual(2);
		const room = await create(server, {
			deck: { kind: 'quick' },
			names: 'anonymous',
			checks: { pre: true, post: true },
			seed: 11
		});
		const hostStream = await openStream(server, hostPath(room), undefined, asHost(room));
		streams.push(hostStream);
		const joined = [await join(server, room.code), await join(server, room.code)];
		joined.push(await join(server, room.code));
		const players: Player[] = joined.map((j) => ({ id: j.playerId, token: j.token }));
		const [a, b, c] = players as [Player, Player, Player];
		const phone = await openStream(server, playerPath(room.code, a));
		streams.push(phone);

		// Not open yet: a check answer in the lobby is refused with its reason.
		const early = await check(server, room.code, a, { stage: 'pre', item: 0, said: 'scam' });
		expect(early.status).toBe(409);
		expect(early.body.error.code).toBe('not-in-check');

		const started = await host(server, room, 'start');
		expect(started.phase).toBe('check');
		expect(started.check?.stage).toBe('pre');
		const pre = started.check?.items ?? [];
		// Form A, in an order of the room's own, and nothing of the answers in the phase update.
		expect([...pre].sort()).toEqual([...forms[0]!.scenarios].sort());
		expect(started.checkProgress).toMatchObject({ stage: 'pre', answers: 0, players: 3 });
		const phase = await phone.waitFor((m) => m.event === 'phase');
		expect(JSON.stringify(phase.data)).not.toMatch(/"(verdict|answer|expected|truth)"/);

		// Before: everyone tells scams from genuine at chance (3 of 6 each way).
		await takeCheck(server, room.code, a, 'pre', pre, 3, 3);
		await takeCheck(server, room.code, b, 'pre', pre, 3, 3);
		await takeCheck(server, room.code, c, 'pre', pre, 3, 2);
		const progress = await hostStream.waitFor(
			(m) => m.event === 'check-progress' && (m.data as CheckProgress).finished === 3
		);
		expect(progress.data).toMatchObject({ stage: 'pre', items: 12, answers: 36, started: 3 });
		// The phone is told its answer was counted, never whether it was right.
		const ack = await phone.waitFor((m) => m.event === 'check-answered');
		expect(Object.keys(ack.data as object).sort()).toEqual(
			['at', 'confidence', 'item', 'said', 'stage'].sort()
		);
		expect(phone.messages.some((m) => ['result', 'reveal', 'tally'].includes(m.event))).toBe(false);

		// Bad requests, each with its reason.
		const twice = await check(server, room.code, a, { stage: 'pre', item: 0, said: 'scam' });
		expect([twice.status, twice.body.error.code]).toEqual([409, 'already-answered']);
		const wrongStage = await check(server, room.code, a, { stage: 'post', item: 0, said: 'scam' });
		expect([wrongStage.status, wrongStage.body.error.code]).toEqual([409, 'not-in-check']);
		const noItem = await check(server, room.code, a, { stage: 'pre', item: 12, said: 'scam' });
		expect([noItem.status, noItem.body.error.code]).toEqual([422, 'invalid-answer']);
		const badWord = await check(server, room.code, a, { stage: 'pre', item: 1, said: 'maybe' });
		expect([badWord.status, badWord.body.error.code]).toEqual([400, 'invalid-body']);
		const extra = await check(server, room.code, a, {
			stage: 'pre',
			item: 1,
			said: 'scam',
			correct: true
		});
		expect([extra.status, extra.body.error.code]).toEqual([400, 'unknown-field']);
		const stranger = await check(
			server,
			room.code,
			{ id: a.id, token: b.token },
			{ stage: 'pre', item: 1, said: 'scam' }
		);
		expect([stranger.status, stranger.body.error.code]).toEqual([403, 'wrong-token']);
		const question = await call<ErrorReply>(server, 'POST', `/api/live/rooms/${room.code}/answer`, {
			playerId: a.id,
			token: a.token,
			questionIndex: 0,
			selection: [0]
		});
		expect([question.status, question.body.error.code]).toEqual([409, 'wrong-phase']);

		// The training: the check closes, the first question opens.
		const training = await host(server, room, 'next');
		expect(training.phase).toBe('open');
		expect(training.check).toBeNull();
		const late = await check(server, room.code, a, { stage: 'pre', item: 0, said: 'scam' });
		expect([late.status, late.body.error.code]).toEqual([409, 'not-in-check']);

		// Ending the training early goes to the after-check, on form B.
		const after = await host(server, room, 'end');
		expect(after.phase).toBe('check');
		expect(after.check?.stage).toBe('post');
		// The last question is over: no question is shown beside the check.
		expect(after.question).toBeNull();
		const post = after.check?.items ?? [];
		expect([...post].sort()).toEqual([...forms[1]!.scenarios].sort());

		// A phone that reloads rejoins with its token as the same player, and so keeps its pairing.
		const again = await join(server, room.code, { token: c.token });
		expect(again.rejoined).toBe(true);
		expect(again.playerId).toBe(c.id);
		expect(again.room.checkAnswers).toEqual(post.map(() => null));

		// A new phone (its token lost) is someone else: it took only the after-check.
		const newcomer = await join(server, room.code);
		const d: Player = { id: newcomer.playerId, token: newcomer.token };

		await takeCheck(server, room.code, a, 'post', post, 6, 0);
		await takeCheck(server, room.code, b, 'post', post, 5, 0);
		// Half of c's after-check, then the server is killed.
		const half = post.slice(0, 6);
		await takeCheck(server, room.code, c, 'post', half, 6, 1);
		await killServer(server);
		for (const s of streams) s.close();

		server = await startServer({ env, dataDir: server.dataDir, port: server.port });
		const resumed = await join(server, room.code, { token: c.token });
		const view: PlayerView = resumed.room;
		expect(view.phase).toBe('check');
		expect(view.check?.stage).toBe('post');
		expect(view.checkAnswers?.filter((x) => x !== null)).toHaveLength(6);
		const hostView = await call<HostView>(
			server,
			'GET',
			`/api/live/rooms/${room.code}/host`,
			undefined,
			asHost(room)
		);
		expect(hostView.body.checkProgress).toMatchObject({
			stage: 'post',
			answers: 30,
			finished: 2,
			started: 3,
			players: 4
		});
		await takeCheck(server, room.code, c, 'post', post, 6, 1, 6);
		await takeCheck(server, room.code, d, 'post', post, 6, 0);

		const done = await host(server, room, 'next');
		expect(done.phase).toBe('report');
		const report = done.report as Report;
		const checks = report.checks!;
		expect(checks.source).toBe('live');
		expect(checks.both).toBe(3);
		expect(checks.pre?.players).toBe(3);
		expect(checks.post?.players).toBe(4);
		expect(checks.changes).toHaveLength(3);
		expect(checks.changes.every((x) => x > 1)).toBe(true);
		expect(checks.verdict).toBe('sharper');
		expect(checks.pre?.hitRate?.value).toBeCloseTo(9 / 18, 6);
		expect(checks.post?.falseAlarmRate?.value).toBeCloseTo(1 / 24, 6);
		expect(checks.lures.length).toBeGreaterThanOrEqual(2);
		expect(checks.lures.every((l) => l.preAnswers > 0 && l.postAnswers > 0)).toBe(true);
		// After the report, a check answer is refused.
		const closed = await check(server, room.code, d, { stage: 'post', item: 0, said: 'scam' });
		expect([closed.status, closed.body.error.code]).toEqual([409, 'not-in-check']);
	});

	it('a session without checks reports none and refuses check answers', async () => {
		const room = await create(server, { deck: { kind: 'quick' }, seed: 3 });
		const p = await join(server, room.code, { nickname: 'Ana' });
		const started = await host(server, room, 'start');
		expect(started.phase).toBe('open');
		const res = await check(
			server,
			room.code,
			{ id: p.playerId, token: p.token },
			{ stage: 'pre', item: 0, said: 'scam' }
		);
		expect([res.status, res.body.error.code]).toEqual([409, 'not-in-check']);
		const end = await host(server, room, 'end');
		expect(end.phase).toBe('report');
		expect(end.report?.checks).toBeUndefined();
	});

	it('a before-check only: the training follows it, and the report has no after', async () => {
		const room = await create(server, {
			deck: { kind: 'quick' },
			checks: { pre: true, post: false },
			seed: 5
		});
		const p = await join(server, room.code, { nickname: 'Bo' });
		const started = await host(server, room, 'start');
		expect(started.check?.stage).toBe('pre');
		await takeCheck(
			server,
			room.code,
			{ id: p.playerId, token: p.token },
			'pre',
			started.check!.items,
			4,
			1
		);
		expect((await host(server, room, 'next')).phase).toBe('open');
		const end = await host(server, room, 'end');
		expect(end.phase).toBe('report');
		expect(end.report?.checks?.post).toBeNull();
		expect(end.report?.checks?.pre?.answers).toBe(12);
		expect(end.report?.checks?.verdict).toBe('too-few');
	});

	it('refuses malformed check options', async () => {
		const res = await call<ErrorReply>(server, 'POST', '/api/live/rooms', {
			deck: { kind: 'quick' },
			checks: { pre: 'yes', post: true }
		});
		expect([res.status, res.body.error.code]).toEqual([400, 'invalid-body']);
		const extra = await call<ErrorReply>(server, 'POST', '/api/live/rooms', {
			deck: { kind: 'quick' },
			checks: { pre: true, post: true, form: 'c' }
		});
		expect([extra.status, extra.body.error.code]).toEqual([400, 'unknown-field']);
	});
});
