/**
 * A live session against the built server over real HTTP and SSE, with a real SQLite file: create, join,
 * answer, close, reveal, report; then a SIGKILL mid-question, a restart on the same data folder, and the
 * proof that every room, player, answer and score survived and that streams resume by Last-Event-ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { questionOf } from '$lib/quiz/catalog';
import { grade } from '$lib/quiz/grade';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import type {
	AnswerResponse,
	CreateRoomResponse,
	HostResponse,
	HostView,
	JoinResponse,
	JoinUrlResponse,
	PlayerResult,
	PhaseUpdate,
	Report,
	RoomInfo,
	Tally
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
// The flow tests join many players from one address; the limit itself is tested in bad-input.test.ts.
const env = { FRAUD_DRILL_JOIN_LIMIT: '1000', FRAUD_DRILL_HEARTBEAT_MS: '1000' };

function right(id: string): number[] {
	const q = questionOf(catalog, id);
	const expected = grade(q, []).expected;
	return q.kind === 'flags' ? expected : [expected[0] ?? 0];
}

function wrong(id: string): number[] {
	const q = questionOf(catalog, id);
	const r = right(id);
	if (q.kind === 'decide') return [q.options.findIndex((o) => !o.safe)];
	if (q.kind === 'verdict') return [1 - (r[0] ?? 0)];
	return [q.choices.find((c) => !r.includes(c)) ?? 0];
}

interface Player {
	id: string;
	token: string;
	nickname: string;
}

async function create(server: Server, body: unknown = { deck: { kind: 'quick' }, seed: 7 }) {
	const res = await call<CreateRoomResponse>(server, 'POST', '/api/live/rooms', body);
	expect(res.status).toBe(201);
	return res.body;
}

async function join(server: Server, code: string, nickname: string): Promise<Player> {
	const res = await call<JoinResponse>(server, 'POST', `/api/live/rooms/${code}/join`, {
		nickname
	});
	expect(res.status).toBe(201);
	return { id: res.body.playerId, token: res.body.token, nickname: res.body.nickname };
}

async function host(server: Server, room: CreateRoomResponse, action: string) {
	const res = await call<HostResponse>(server, 'POST', `/api/live/rooms/${room.code}/host`, {
		secret: room.hostSecret,
		action
	});
	expect(res.status, res.text).toBe(200);
	return res.body;
}

function answer(
	server: Server,
	code: string,
	p: Player,
	questionIndex: number,
	selection: number[]
) {
	return call<AnswerResponse & ErrorReply>(server, 'POST', `/api/live/rooms/${code}/answer`, {
		playerId: p.id,
		token: p.token,
		questionIndex,
		selection
	});
}

const hostPath = (room: CreateRoomResponse) => `/api/live/rooms/${room.code}/events`;
/** The host's credentials on a GET: the secret in a header (a browser sends the host cookie), never the URL. */
const asHost = (room: CreateRoomResponse) => ({ headers: { 'x-host-secret': room.hostSecret } });
const playerPath = (code: string, p: Player) =>
	`/api/live/rooms/${code}/events?player=${p.id}&token=${encodeURIComponent(p.token)}`;

describe('a live session over HTTP and SSE', () => {
	let server: Server;
	const streams: SseStream[] = [];

	beforeAll(async () => {
		server = await startServer({ env });
	});
	afterAll(async () => {
		for (const s of streams) s.close();
		await killServer(server, 'SIGTERM');
	});

	it('runs create → join → answer → close → reveal → report, with the right events to each', async () => {
		const room = await create(server);
		expect(room.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
		expect(room.room.phase).toBe('lobby');
		expect(existsSync(pathJoin(server.dataDir, 'live.sqlite'))).toBe(true);

		const hostStream = await openStream(server, hostPath(room), undefined, asHost(room));
		streams.push(hostStream);
		expect(hostStream.status).toBe(200);
		await hostStream.waitFor((m) => m.event === 'snapshot');

		const players = [
			await join(server, room.code, 'Ana'),
			await join(server, room.code, '李雷'),
			await join(server, room.code, 'Bo 🐟')
		];
		const playerStreams = await Promise.all(
			players.map((p) => openStream(server, playerPath(room.code, p)))
		);
		streams.push(...playerStreams);
		await hostStream.waitFor(
			(m) => m.event === 'player-joined' && (m.data as { players: number }).players === 3
		);
		const info = await call<RoomInfo>(server, 'GET', `/api/live/rooms/${room.code}`);
		expect(info.body).toMatchObject({ code: room.code, phase: 'lobby', players: 3 });

		const ids = room.room.questionIds;
		await host(server, room, 'start');
		for (const s of playerStreams)
			await s.waitFor((m) => m.event === 'phase' && (m.data as PhaseUpdate).phase === 'open');
		const opened = playerStreams[0]?.messages.find((m) => m.event === 'phase')?.data as PhaseUpdate;
		expect(opened.question?.id).toBe(ids[0]);
		// The open question never carries its answer.
		expect(JSON.stringify(opened)).not.toMatch(/"(safe|answer|expected)"/);

		const q0 = ids[0] ?? '';
		const [a, b, c] = players as [Player, Player, Player];
		const ra = await answer(server, room.code, a, 0, right(q0));
		expect(ra.status).toBe(200);
		expect((await answer(server, room.code, b, 0, right(q0))).status).toBe(200);
		const rc = await answer(server, room.code, c, 0, wrong(q0));
		expect(rc.status).toBe(200);

		const tally = await hostStream.waitFor(
			(m) => m.event === 'tally' && (m.data as Tally).answered === 3
		);
		expect(tally.id).toBeGreaterThanOrEqual(rc.body.seq);
		expect((tally.data as Tally).counts.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(3);
		await playerStreams[0]?.waitFor((m) => m.event === 'answered');
		// Players never see the live tally.
		expect(playerStreams[0]?.messages.some((m) => m.event === 'tally')).toBe(false);

		await host(server, room, 'close');
		await host(server, room, 'reveal');
		const result = (await playerStreams[2]?.waitFor((m) => m.event === 'result'))
			?.data as PlayerResult;
		expect(result).toMatchObject({ questionIndex: 0, correct: false, score: 0 });
		const mine = (await playerStreams[0]?.waitFor((m) => m.event === 'result'))
			?.data as PlayerResult;
		expect(mine).toMatchObject({ correct: true, points: 100, score: 100 });
		// Each player gets only their own result.
		expect(playerStreams[0]?.messages.filter((m) => m.event === 'result')).toHaveLength(1);
		await hostStream.waitFor((m) => m.event === 'reveal');

		await host(server, room, 'discuss');
		const end = await host(server, room, 'end');
		expect(end.room.phase).toBe('report');
		const report = (await hostStream.waitFor((m) => m.event === 'report')).data as Report;
		expect(report.players).toBe(3);
		expect(report.questions[0]).toMatchObject({ questionId: q0, answers: 3, correct: 2 });
		expect(report.missedQuestionIds).toEqual([q0]);
		expect(report.leaderboard.map((p) => p.score)).toEqual([100, 100, 0]);
		const final = await playerStreams[2]?.waitFor((m) => m.event === 'final');
		expect(final?.data).toMatchObject({ score: 0, rank: 3, players: 3 });

		const got = await call<Report>(
			server,
			'GET',
			`/api/live/rooms/${room.code}/report`,
			undefined,
			asHost(room)
		);
		expect(got.body).toEqual(report);

		// "Review these with the team": the missed questions make the next room's deck.
		const review = await create(server, {
			deck: { kind: 'ids', ids: report.missedQuestionIds, label: 'Missed last time' }
		});
		expect(review.room.questionIds).toEqual([q0]);
	});

	it('gives the join URL on the LAN address (or the request host)', async () => {
		const room = await create(server);
		const res = await call<JoinUrlResponse>(server, 'GET', `/api/live/rooms/${room.code}/join-url`);
		expect(res.status).toBe(200);
		expect(res.body.url).toMatch(new RegExp(`^http://[^/]+:${server.port}/live/${room.code}$`));
		expect(res.body.url).toBe(room.joinUrl);
	});

	it('sends heartbeats and closes a timed question by itself', async () => {
		const room = await create(server, {
			deck: { kind: 'quick' },
			timer: { enabled: true, seconds: 5 }
		});
		const p = await join(server, room.code, 'Timed');
		const s = await openStream(server, playerPath(room.code, p));
		streams.push(s);
		const started = await host(server, room, 'start');
		expect(started.room.deadline).toBeGreaterThan(Date.now());
		await s.waitFor((m) => m.event === 'phase' && (m.data as PhaseUpdate).phase === 'closed', 8000);
		// Five seconds of the stream at one heartbeat a second.
		expect(s.comments).toBeGreaterThanOrEqual(3);
	});
});

describe('kill -9 mid-question and restart on the same data folder', () => {
	let server: Server;
	const streams: SseStream[] = [];

	beforeAll(async () => {
		server = await startServer({ env });
	});
	afterAll(async () => {
		for (const s of streams) s.close();
		await killServer(server, 'SIGTERM');
	});

	it('keeps every room, player, answer and score, and resumes streams from Last-Event-ID', async () => {
		const room = await create(server);
		const lobby = await create(server);
		const ids = room.room.questionIds;
		const players: Player[] = [];
		for (const name of ['Ana', 'Ben', 'Cai', 'Dee'])
			players.push(await join(server, room.code, name));
		const [a, b, c, d] = players as [Player, Player, Player, Player];
		await join(server, lobby.code, 'Waiting');

		// Question 0, fully played: a and b right, c wrong, d silent.
		await host(server, room, 'start');
		await answer(server, room.code, a, 0, right(ids[0] ?? ''));
		await answer(server, room.code, b, 0, right(ids[0] ?? ''));
		await answer(server, room.code, c, 0, wrong(ids[0] ?? ''));
		await host(server, room, 'close');
		await host(server, room, 'reveal');
		await host(server, room, 'next');
		// Question 1 is open; a and c answer, then the process dies.
		await answer(server, room.code, a, 1, right(ids[1] ?? ''));
		const last = await answer(server, room.code, c, 1, right(ids[1] ?? ''));
		expect(last.status).toBe(200);

		const hostBefore = await openStream(server, hostPath(room), undefined, asHost(room));
		const dStream = await openStream(server, playerPath(room.code, d));
		const hostSeen = (await hostBefore.waitFor((m) => m.event === 'snapshot')).id ?? 0;
		const dSeen = (await dStream.waitFor((m) => m.event === 'snapshot')).id ?? 0;
		expect(hostSeen).toBe(last.body.seq);
		const before = (
			await call<HostView>(
				server,
				'GET',
				`/api/live/rooms/${room.code}/host`,
				undefined,
				asHost(room)
			)
		).body;

		await killServer(server, 'SIGKILL');
		await new Promise((r) => (hostBefore.closed ? r(null) : setTimeout(r, 200)));
		server = await startServer({ port: server.port, dataDir: server.dataDir, env });

		// The room is back exactly as it was: phase, players, scores, the open question's tally.
		const after = await call<HostView>(
			server,
			'GET',
			`/api/live/rooms/${room.code}/host`,
			undefined,
			asHost(room)
		);
		expect(after.status).toBe(200);
		const { at: _a, ...restAfter } = after.body;
		const { at: _b, ...restBefore } = before;
		expect(restAfter).toEqual(restBefore);
		expect(after.body).toMatchObject({ phase: 'open', questionIndex: 1 });
		expect(after.body.tally?.answered).toBe(2);
		expect(after.body.players.map((p) => [p.nickname, p.score])).toEqual([
			['Ana', 100],
			['Ben', 100],
			['Cai', 0],
			['Dee', 0]
		]);
		const other = await call<RoomInfo>(server, 'GET', `/api/live/rooms/${lobby.code}`);
		expect(other.body).toMatchObject({ phase: 'lobby', players: 1 });

		// Answers survived: a second answer is still refused, and tokens still work.
		const again = await answer(server, room.code, a, 1, wrong(ids[1] ?? ''));
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('already-answered');
		const rejoin = await call<JoinResponse>(server, 'POST', `/api/live/rooms/${room.code}/join`, {
			token: b.token
		});
		expect(rejoin.status).toBe(200);
		expect(rejoin.body).toMatchObject({ playerId: b.id, nickname: 'Ben', rejoined: true });
		expect(rejoin.body.room.me.score).toBe(100);

		// More happens while d is away.
		expect((await answer(server, room.code, b, 1, wrong(ids[1] ?? ''))).status).toBe(200);
		await host(server, room, 'close');
		await host(server, room, 'reveal');

		// d's phone reconnects with the last id it saw and gets exactly what it missed, in order.
		const dAgain = await openStream(server, playerPath(room.code, d), dSeen);
		streams.push(dAgain);
		const dResult = await dAgain.waitFor((m) => m.event === 'result');
		expect(dResult.data).toMatchObject({
			questionIndex: 1,
			selection: null,
			correct: false,
			score: 0
		});
		expect(dAgain.messages.map((m) => m.event)).toEqual(['phase', 'phase', 'reveal', 'result']);
		expect(dAgain.messages.every((m) => (m.id ?? 0) > dSeen)).toBe(true);

		// The host resumes too, and sees b's answer it missed in the final tally.
		const hostAgain = await openStream(server, hostPath(room), hostSeen, asHost(room));
		streams.push(hostAgain);
		const reveal = await hostAgain.waitFor((m) => m.event === 'reveal');
		expect((reveal.data as { tally: Tally }).tally.answered).toBe(3);
		expect(hostAgain.messages.some((m) => m.event === 'snapshot')).toBe(false);

		const done = await host(server, room, 'end');
		expect(done.room.players.map((p) => p.score)).toEqual([200, 100, 100, 0]);
	});
});
