/**
 * Bad input against the built server, each case with its expected status and error code. The server runs
 * with its default limits (10 join attempts a minute per client); each case speaks from its own loopback
 * address so that only the rate-limit case spends a client's allowance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateRoomResponse, HostView, JoinResponse, Tally } from '$lib/live/protocol';
import { call, killServer, openStream, startServer, type ErrorReply, type Server } from './server';

let server: Server;
let room: CreateRoomResponse;
let a: JoinResponse;
let b: JoinResponse;
let client = 10;

/** A loopback address no other case uses: its own rate-limit bucket. */
const fresh = () => `127.0.2.${client++}`;

function expectError(
	res: { status: number; body: unknown; headers: Record<string, unknown> },
	status: number,
	code: string
) {
	expect(res.status).toBe(status);
	expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
	const body = res.body as ErrorReply;
	expect(body.error.code).toBe(code);
	expect(typeof body.error.message).toBe('string');
	expect(body.error.message.length).toBeGreaterThan(0);
	return body.error;
}

const path = (p: string) => `/api/live/rooms/${room.code}${p}`;
/** The host secret on a GET, in its header (browsers send the host cookie instead). */
const asHost = (secret: string) => ({ headers: { 'x-host-secret': secret } });

async function hostState(): Promise<HostView> {
	const res = await call<HostView>(
		server,
		'GET',
		path('/host'),
		undefined,
		asHost(room.hostSecret)
	);
	return res.body;
}

beforeAll(async () => {
	server = await startServer();
	room = (
		await call<CreateRoomResponse>(server, 'POST', '/api/live/rooms', {
			deck: { kind: 'quick' },
			seed: 3
		})
	).body;
	a = (
		await call<JoinResponse>(server, 'POST', path('/join'), { nickname: 'Ana' }, { from: fresh() })
	).body;
	b = (
		await call<JoinResponse>(server, 'POST', path('/join'), { nickname: 'Ben' }, { from: fresh() })
	).body;
	await call(server, 'POST', path('/host'), { secret: room.hostSecret, action: 'start' });
});

afterAll(async () => {
	await killServer(server, 'SIGTERM');
});

describe('bad input gets a 4xx with a reason', () => {
	it('wrong host secret → 403 wrong-secret (commands, state and stream)', async () => {
		const cmd = await call(server, 'POST', path('/host'), { secret: 'guess', action: 'close' });
		expectError(cmd, 403, 'wrong-secret');
		expectError(
			await call(server, 'GET', path('/host'), undefined, asHost('guess')),
			403,
			'wrong-secret'
		);
		expectError(
			await call(server, 'GET', path('/events'), undefined, asHost('guess')),
			403,
			'wrong-secret'
		);
		expectError(await call(server, 'GET', path('/events')), 403, 'wrong-secret');
		expect((await hostState()).phase).toBe('open');
	});

	it('acting as another player → 403 wrong-token', async () => {
		const res = await call(server, 'POST', path('/answer'), {
			playerId: b.playerId,
			token: a.token,
			questionIndex: 0,
			selection: [0]
		});
		expectError(res, 403, 'wrong-token');
		const stream = await call(server, 'GET', path(`/events?player=${b.playerId}&token=${a.token}`));
		expectError(stream, 403, 'wrong-token');
		expect((await hostState()).tally?.answered).toBe(0);
	});

	it('a made-up token cannot rejoin → 403 wrong-token', async () => {
		const res = await call(
			server,
			'POST',
			path('/join'),
			{ token: 'x'.repeat(32) },
			{ from: fresh() }
		);
		expectError(res, 403, 'wrong-token');
	});

	it('double answer → 409 already-answered, counted once', async () => {
		const body = { playerId: a.playerId, token: a.token, questionIndex: 0, selection: [0] };
		expect((await call(server, 'POST', path('/answer'), body)).status).toBe(200);
		const again = await call(server, 'POST', path('/answer'), { ...body, selection: [1] });
		expectError(again, 409, 'already-answered');
		const tally = (await hostState()).tally as Tally;
		expect(tally.answered).toBe(1);
		expect(tally.counts.reduce((x, y) => x + y, 0)).toBe(1);
	});

	it('a malformed selection → 422 invalid-answer; a mistyped one → 400 invalid-body', async () => {
		const body = { playerId: b.playerId, token: b.token, questionIndex: 0, selection: [0, 0] };
		expectError(await call(server, 'POST', path('/answer'), body), 422, 'invalid-answer');
		const typed = await call(server, 'POST', path('/answer'), { ...body, selection: 'all' });
		const e = expectError(typed, 400, 'invalid-body');
		expect(e.message).toContain('selection');
	});

	it('unknown room → 404 room-not-found', async () => {
		const from = fresh();
		const join = await call(
			server,
			'POST',
			'/api/live/rooms/ZZZZZZ/join',
			{ nickname: 'x' },
			{ from }
		);
		expectError(join, 404, 'room-not-found');
		const ans = await call(
			server,
			'POST',
			'/api/live/rooms/ZZZZZZ/answer',
			{ playerId: 'p1', token: 't', questionIndex: 0, selection: [0] },
			{ from }
		);
		expectError(ans, 404, 'room-not-found');
	});

	it('brute-forced room codes → 429 rate-limited with Retry-After after 10 attempts a minute', async () => {
		const from = fresh();
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) {
			const code = `Z${String(i).padStart(5, '2').replace(/[01]/g, '3')}`;
			const res = await call(
				server,
				'POST',
				`/api/live/rooms/${code}/join`,
				{ nickname: 'x' },
				{ from }
			);
			statuses.push(res.status);
			if (i === 11) {
				expectError(res, 429, 'rate-limited');
				expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
			}
		}
		expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
		expect(statuses.slice(10)).toEqual([429, 429]);
		// Even the right code is refused to that client until the window passes.
		const real = await call(server, 'POST', path('/join'), { nickname: 'Late' }, { from });
		expectError(real, 429, 'rate-limited');
		// Other clients are not affected.
		const other = await call(server, 'GET', path(''), undefined, { from: fresh() });
		expect(other.status).toBe(200);
	});

	it('oversized body → 413 body-too-large', async () => {
		const res = await call(
			server,
			'POST',
			path('/join'),
			{ nickname: 'x'.repeat(5000) },
			{ from: fresh() }
		);
		expectError(res, 413, 'body-too-large');
	});

	it('malformed JSON → 400 bad-json', async () => {
		const res = await call(server, 'POST', path('/join'), '{"nickname": "Ana"', { from: fresh() });
		expectError(res, 400, 'bad-json');
	});

	it('unknown fields → 400 unknown-field naming the field', async () => {
		const res = await call(
			server,
			'POST',
			path('/join'),
			{ nickname: 'Cy', admin: true },
			{ from: fresh() }
		);
		const e = expectError(res, 400, 'unknown-field');
		expect(e.message).toContain('admin');
		const deep = await call(server, 'POST', '/api/live/rooms', { deck: { kind: 'full', size: 3 } });
		expect(expectError(deep, 400, 'unknown-field').message).toContain('deck.size');
	});

	it('over-long nickname → 422 nickname-invalid', async () => {
		const res = await call(
			server,
			'POST',
			path('/join'),
			{ nickname: 'n'.repeat(25) },
			{ from: fresh() }
		);
		expect(expectError(res, 422, 'nickname-invalid').message).toMatch(/24/);
	});

	it('control characters in a nickname → 422 nickname-invalid', async () => {
		for (const nickname of ['Ana\u0007', 'line\nbreak', 'evil\u202eroh', '   ']) {
			const res = await call(server, 'POST', path('/join'), { nickname }, { from: fresh() });
			expectError(res, 422, 'nickname-invalid');
		}
	});

	it('markup (script injection) in a nickname is stored and returned verbatim, as data', async () => {
		// 23 characters of markup: within the length limit, so it is accepted and must stay inert text.
		const nickname = '<img src=x onerror=a()>';
		const host = await openStream(server, path('/events'), undefined, asHost(room.hostSecret));
		const res = await call<JoinResponse>(
			server,
			'POST',
			path('/join'),
			{ nickname },
			{ from: fresh() }
		);
		expect(res.status).toBe(201);
		expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
		expect(res.body.nickname).toBe(nickname);
		const joined = await host.waitFor((m) => m.event === 'player-joined');
		expect((joined.data as { player: { nickname: string } }).player.nickname).toBe(nickname);
		host.close();
		expect((await hostState()).players.map((p) => p.nickname)).toContain(nickname);
	});

	it('duplicate nickname (any case) → 422 nickname-taken', async () => {
		const res = await call(
			server,
			'POST',
			path('/join'),
			{ nickname: '  aNA ' },
			{ from: fresh() }
		);
		expectError(res, 422, 'nickname-taken');
	});

	it('a host command out of order → 409 wrong-phase; an empty deck → 422 empty-deck', async () => {
		const res = await call(server, 'POST', path('/host'), {
			secret: room.hostSecret,
			action: 'reveal'
		});
		expectError(res, 409, 'wrong-phase');
		const empty = await call(server, 'POST', '/api/live/rooms', {
			deck: { kind: 'lure', lure: 'no-such-lure' }
		});
		expectError(empty, 422, 'empty-deck');
	});

	it('answer after close → 409 question-closed', async () => {
		await call(server, 'POST', path('/host'), { secret: room.hostSecret, action: 'close' });
		const res = await call(server, 'POST', path('/answer'), {
			playerId: b.playerId,
			token: b.token,
			questionIndex: 0,
			selection: [0]
		});
		expectError(res, 409, 'question-closed');
		expect((await hostState()).tally?.answered).toBe(1);
	});

	it('joining after the report → 410 room-closed (rejoining with a token still works)', async () => {
		await call(server, 'POST', path('/host'), { secret: room.hostSecret, action: 'end' });
		const res = await call(
			server,
			'POST',
			path('/join'),
			{ nickname: 'Too late' },
			{ from: fresh() }
		);
		expectError(res, 410, 'room-closed');
		const back = await call(server, 'POST', path('/join'), { token: a.token }, { from: fresh() });
		expect(back.status).toBe(200);
	});
});
