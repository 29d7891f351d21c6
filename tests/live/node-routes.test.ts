/**
 * The built server serves phones' answers, check answers and event streams from its own Node routes in
 * front of SvelteKit (server/live-handler.js, src/lib/server/live/node.ts). The same requests, good and
 * bad, sent to a built server with those routes and to one that leaves everything to SvelteKit's routes
 * (FRAUD_DRILL_LIVE_ROUTES=sveltekit) must get the same status, reason code and headers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateRoomResponse, HostResponse, JoinResponse } from '$lib/live/protocol';
import { call, killServer, openStream, startServer, type Reply, type Server } from './server';

interface Side {
	server: Server;
	room: CreateRoomResponse;
	ana: JoinResponse;
	ben: JoinResponse;
	choices: number[];
}

const env = { FRAUD_DRILL_JOIN_LIMIT: '1000', FRAUD_DRILL_STREAMS_PER_CLIENT: '1' };
let node: Side;
let kit: Side;

async function prepare(extra: Record<string, string>, checks: boolean): Promise<Side> {
	const server = await startServer({ env: { ...env, ...extra } });
	const room = (
		await call<CreateRoomResponse>(server, 'POST', '/api/live/rooms', {
			deck: { kind: 'quick' },
			seed: 21,
			...(checks ? { checks: { pre: true, post: false } } : {})
		})
	).body;
	const join = async (nickname: string) =>
		(await call<JoinResponse>(server, 'POST', `/api/live/rooms/${room.code}/join`, { nickname }))
			.body;
	const ana = await join('Ana');
	const ben = await join('Ben');
	const start = await call<HostResponse>(server, 'POST', `/api/live/rooms/${room.code}/host`, {
		secret: room.hostSecret,
		action: 'start'
	});
	return { server, room, ana, ben, choices: start.body.room.question?.choices ?? [] };
}

/** What must be the same on both servers. */
function shape(r: Reply) {
	const body = r.body as { error?: { code: string; message: string } } | undefined;
	return {
		status: r.status,
		code: body?.error?.code ?? null,
		message: body?.error?.message ?? null,
		contentType: r.headers['content-type'],
		cacheControl: r.headers['cache-control'],
		retryAfter: r.headers['retry-after'],
		connection: r.headers.connection
	};
}

/** A request built for one side (its room code, players and tokens differ). */
type Case = [
	name: string,
	build: (s: Side) => {
		method: string;
		path: string;
		body?: unknown;
		headers?: Record<string, string>;
	}
];

async function both(c: Case) {
	const [name, build] = c;
	const results = [];
	for (const side of [node, kit]) {
		const { method, path, body, headers } = build(side);
		results.push(shape(await call(side.server, method, path, body, { headers })));
	}
	return { name, node: results[0], kit: results[1] };
}

beforeAll(async () => {
	[node, kit] = await Promise.all([
		prepare({}, false),
		prepare({ FRAUD_DRILL_LIVE_ROUTES: 'sveltekit' }, false)
	]);
}, 60_000);

afterAll(async () => {
	await Promise.all([killServer(node.server, 'SIGTERM'), killServer(kit.server, 'SIGTERM')]);
});

describe('the Node routes and the SvelteKit routes answer alike', () => {
	it('the built server runs the live handler in front of adapter-node’s', () => {
		const build = process.env.FRAUD_DRILL_LIVE_BUILD || 'build';
		const entry = readFileSync(join(build, 'index.js'), 'utf8');
		expect(entry).toContain("import { liveRoutes } from './live-handler.js';");
		expect(entry).toContain('.use(liveRoutes, pageCsp, handler)');
	});

	it('answers: accepted, then every refusal with the same status, code and headers', async () => {
		const answer = (s: Side, over: Record<string, unknown> = {}, player = s.ana) => ({
			method: 'POST',
			path: `/api/live/rooms/${s.room.code}/answer`,
			body: {
				playerId: player.playerId,
				token: player.token,
				questionIndex: 0,
				selection: [s.choices[0] ?? 0],
				...over
			}
		});
		const cases: Case[] = [
			['accepted', (s) => answer(s)],
			['already answered', (s) => answer(s)],
			['wrong token', (s) => answer(s, { token: 'guess' }, s.ben)],
			['someone else’s token', (s) => answer(s, { token: s.ana.token }, s.ben)],
			['not a valid choice', (s) => answer(s, { selection: [42] }, s.ben)],
			['mistyped selection', (s) => answer(s, { selection: 'x' }, s.ben)],
			['unknown field', (s) => answer(s, { extra: true }, s.ben)],
			['question not open yet', (s) => answer(s, { questionIndex: 3 }, s.ben)],
			['bad JSON', (s) => ({ ...answer(s), body: '{"playerId":' })],
			['not an object', (s) => ({ ...answer(s), body: '[1,2]' })],
			['empty body', (s) => ({ ...answer(s), body: '' })],
			['over 4 KiB', (s) => ({ ...answer(s), body: JSON.stringify({ pad: 'x'.repeat(5000) }) })],
			['unknown room', (s) => ({ ...answer(s), path: '/api/live/rooms/ZZZZZZ/answer' })],
			[
				'cross-site form post',
				(s) => ({
					...answer(s, {}, s.ben),
					body: JSON.stringify(answer(s, {}, s.ben).body),
					headers: { 'content-type': 'text/plain', origin: 'http://elsewhere.example' }
				})
			],
			[
				'check answer outside a check',
				(s) => ({
					method: 'POST',
					path: `/api/live/rooms/${s.room.code}/check`,
					body: {
						playerId: s.ben.playerId,
						token: s.ben.token,
						stage: 'pre',
						item: 0,
						said: 'scam',
						confidence: 2
					}
				})
			],
			[
				'check answer, mistyped',
				(s) => ({
					method: 'POST',
					path: `/api/live/rooms/${s.room.code}/check`,
					body: { playerId: s.ben.playerId, token: s.ben.token, stage: 'during' }
				})
			]
		];
		for (const c of cases) {
			const r = await both(c);
			expect(r.node, r.name).toEqual(r.kit);
		}
		// The accepted answer was answered alike too, and counted once on each server.
		for (const s of [node, kit]) {
			const view = await call<{ tally: { answered: number } }>(
				s.server,
				'GET',
				`/api/live/rooms/${s.room.code}/host`,
				undefined,
				{ headers: { 'x-host-secret': s.room.hostSecret } }
			);
			expect(view.body.tally.answered).toBe(1);
		}
	});

	it('a chunked body trickled past 4 KiB: 413 from both, not a dropped connection', async () => {
		for (const s of [node, kit]) {
			const status = await new Promise<number>((resolve, reject) => {
				const req = request(
					{
						host: '127.0.0.1',
						port: s.server.port,
						method: 'POST',
						path: `/api/live/rooms/${s.room.code}/answer`,
						headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }
					},
					(res) => {
						resolve(res.statusCode ?? 0);
						req.destroy();
					}
				);
				req.on('error', reject);
				req.write('{"pad":"');
				let sent = 0;
				const more = () => {
					if (req.destroyed || sent > 8192) return;
					sent += 1024;
					req.write('x'.repeat(1024), () => setTimeout(more, 5));
				};
				more();
			});
			expect(status).toBe(413);
		}
	});

	it('player streams: the same headers and first events, and the same refusals', async () => {
		const streams = [];
		for (const s of [node, kit]) {
			const stream = await openStream(
				s.server,
				`/api/live/rooms/${s.room.code}/events?player=${s.ben.playerId}&token=${s.ben.token}`
			);
			expect(stream.status).toBe(200);
			await stream.waitFor((m) => m.event === 'snapshot');
			streams.push(stream);
		}
		const cases: Case[] = [
			[
				'wrong token',
				(s) => ({
					method: 'GET',
					path: `/api/live/rooms/${s.room.code}/events?player=${s.ben.playerId}&token=guess`
				})
			],
			[
				'no token',
				(s) => ({
					method: 'GET',
					path: `/api/live/rooms/${s.room.code}/events?player=${s.ben.playerId}`
				})
			],
			[
				'over the cap of streams per player',
				(s) => ({
					method: 'GET',
					path: `/api/live/rooms/${s.room.code}/events?player=${s.ben.playerId}&token=${s.ben.token}`
				})
			],
			[
				'unknown room',
				() => ({ method: 'GET', path: '/api/live/rooms/ZZZZZZ/events?player=p1&token=x' })
			],
			[
				'host secret in the URL',
				(s) => ({
					method: 'GET',
					path: `/api/live/rooms/${s.room.code}/events?secret=${s.room.hostSecret}`
				})
			]
		];
		for (const c of cases) {
			const r = await both(c);
			expect(r.node, r.name).toEqual(r.kit);
		}
		// The streams carry the same events from here on: an answer reaches its player's stream.
		for (const [i, s] of [node, kit].entries()) {
			await call(s.server, 'POST', `/api/live/rooms/${s.room.code}/answer`, {
				playerId: s.ben.playerId,
				token: s.ben.token,
				questionIndex: 0,
				selection: [s.choices[1] ?? 0]
			});
			const answered = await streams[i]!.waitFor((m) => m.event === 'answered');
			expect(answered.data).toMatchObject({ questionIndex: 0, selection: [s.choices[1] ?? 0] });
			streams[i]!.close();
		}
	});

	it('the stream response headers are the same', async () => {
		const heads = [];
		for (const s of [node, kit]) {
			heads.push(
				await new Promise<Record<string, unknown>>((resolve, reject) => {
					const req = request(
						{
							host: '127.0.0.1',
							port: s.server.port,
							path: `/api/live/rooms/${s.room.code}/events?player=${s.ana.playerId}&token=${s.ana.token}`,
							agent: false
						},
						(res) => {
							const { date: _date, ...rest } = res.headers;
							res.destroy();
							resolve({ status: res.statusCode, ...rest });
						}
					);
					req.on('error', reject);
					req.end();
				})
			);
		}
		expect(heads[0]).toEqual(heads[1]);
		expect(heads[0]).toMatchObject({
			status: 200,
			'content-type': 'text/event-stream; charset=utf-8'
		});
	});
});

describe('behind a proxy, the Node routes ask for its address header too', () => {
	it('answers and streams without ADDRESS_HEADER’s header get 400 no-client-address from both', async () => {
		const proxied = { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' };
		const [a, b] = await Promise.all([
			prepareBare(proxied),
			prepareBare({ ...proxied, FRAUD_DRILL_LIVE_ROUTES: 'sveltekit' })
		]);
		try {
			for (const path of [
				'/api/live/rooms/ZZZZZZ/answer',
				'/api/live/rooms/ZZZZZZ/events?player=p1&token=x'
			]) {
				const method = path.endsWith('answer') ? 'POST' : 'GET';
				const body =
					method === 'POST'
						? { playerId: 'p1', token: 'x', questionIndex: 0, selection: [0] }
						: undefined;
				const x = shape(await call(a, method, path, body));
				const y = shape(await call(b, method, path, body));
				expect(x).toEqual(y);
				expect([x.status, x.code]).toEqual([400, 'no-client-address']);
			}
		} finally {
			await Promise.all([killServer(a, 'SIGTERM'), killServer(b, 'SIGTERM')]);
		}
	});
});

function prepareBare(extra: Record<string, string>): Promise<Server> {
	return startServer({ env: { ...env, ...extra } });
}
