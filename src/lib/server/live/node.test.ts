/**
 * The phones' routes served straight from Node (node.ts), on a real HTTP server and a real SQLite store
 * with no SvelteKit in front: what they take they answer as the API doc says, and what they do not take
 * they leave untouched for SvelteKit (here a stand-in that answers 299, so a request left over shows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CreateRoomResponse, JoinResponse } from '$lib/live/protocol';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { nodeRoutes } from './node';
import { Rooms } from './rooms';
import { Backlog } from './sse';
import { LiveStore } from './store';
import { testRoomsConfig } from './test-config';

const config = testRoomsConfig({ streamsPerClient: 2 });

const LEFT_TO_SVELTEKIT = 299;

let dir: string;
let rooms: Rooms;
let server: Server;
let port: number;
let room: Omit<CreateRoomResponse, 'joinUrl'>;
let ana: JoinResponse;
let ben: JoinResponse;

interface Reply {
	status: number;
	headers: IncomingMessage['headers'];
	text: string;
}

function send(
	method: string,
	path: string,
	body?: string,
	headers: Record<string, string> = { 'content-type': 'application/json' }
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
		});
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/** Opens a stream and reads it until `until` is in its text, then closes it. */
function readStream(path: string, until: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => {
				text += c;
				if (text.includes(until)) {
					res.destroy();
					resolve({ status: res.statusCode ?? 0, text });
				}
			});
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', reject);
		req.end();
	});
}

const errorCode = (r: Reply) => (JSON.parse(r.text) as { error: { code: string } }).error.code;
const path = (p: string) => `/api/live/rooms/${room.code}${p}`;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'fd-node-routes-'));
	rooms = new Rooms(new LiveStore(join(dir, 'live.sqlite')), shippedCatalog(), config).start();
	const live = nodeRoutes(() => rooms, {});
	server = createServer((req, res) => {
		if (live(req, res)) return;
		req.resume();
		res.writeHead(LEFT_TO_SVELTEKIT).end();
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	port = (server.address() as AddressInfo).port;
	room = rooms.create(
		{
			deck: { kind: 'quick' },
			timer: { enabled: false, seconds: 30 },
			scoring: 'correctness',
			names: 'nicknames',
			seed: 5
		},
		'host'
	);
	ana = rooms.join(room.code, { nickname: 'Ana' }, 'a');
	ben = rooms.join(room.code, { nickname: 'Ben' }, 'b');
	rooms.host(room.code, { secret: room.hostSecret, action: 'start' }, 'host');
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((r) => server.close(r));
	rooms.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe('the phones’ routes in front of SvelteKit', () => {
	it('takes an answer and acknowledges it once stored, as JSON no cache keeps', async () => {
		const choice = rooms.hostState(room.code, room.hostSecret, 'host').question?.choices[0] ?? 0;
		const body = {
			playerId: ana.playerId,
			token: ana.token,
			questionIndex: 0,
			selection: [choice]
		};
		const res = await send('POST', path('/answer'), JSON.stringify(body));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.headers['cache-control']).toBe('no-store');
		expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
		const reply = JSON.parse(res.text) as { accepted: { selection: number[] }; seq: number };
		expect(reply.accepted.selection).toEqual([choice]);
		expect(rooms.hostState(room.code, room.hostSecret, 'host').tally?.answered).toBe(1);

		const again = await send('POST', path('/answer'), JSON.stringify(body));
		expect(again.status).toBe(409);
		expect(errorCode(again)).toBe('already-answered');
	});

	it('refuses bad answers with the API’s codes', async () => {
		const good = { playerId: ben.playerId, token: ben.token, questionIndex: 0, selection: [0] };
		const cases: [string, number, string][] = [
			['{', 400, 'bad-json'],
			['[]', 400, 'invalid-body'],
			[JSON.stringify({ ...good, extra: 1 }), 400, 'unknown-field'],
			[JSON.stringify({ ...good, selection: 'x' }), 400, 'invalid-body'],
			[JSON.stringify({ ...good, token: 'guess' }), 403, 'wrong-token'],
			[JSON.stringify({ ...good, selection: [99] }), 422, 'invalid-answer'],
			[JSON.stringify({ ...good, questionIndex: 1 }), 409, 'wrong-phase']
		];
		for (const [body, status, code] of cases) {
			const res = await send('POST', path('/answer'), body);
			expect([body, res.status, errorCode(res)]).toEqual([body, status, code]);
		}
		const unknown = await send('POST', '/api/live/rooms/ZZZZZZ/answer', JSON.stringify(good));
		expect([unknown.status, errorCode(unknown)]).toEqual([404, 'room-not-found']);
		const check = await send(
			'POST',
			path('/check'),
			JSON.stringify({ ...good, selection: undefined, stage: 'pre', item: 0, said: 'scam' })
		);
		expect(check.status).toBe(400);
	});

	it('refuses a body over 4 KiB, declared or sent in chunks, with 413 and closes the connection', async () => {
		const big = JSON.stringify({ pad: 'x'.repeat(5000) });
		const declared = await send('POST', path('/answer'), big);
		expect([declared.status, errorCode(declared)]).toEqual([413, 'body-too-large']);
		expect(declared.headers.connection).toBe('close');
		const chunked = await send('POST', path('/answer'), big, {
			'content-type': 'application/json',
			'transfer-encoding': 'chunked'
		});
		expect([chunked.status, errorCode(chunked)]).toEqual([413, 'body-too-large']);
	});

	it('streams a player’s events: retry, snapshot, then what the room sends on', async () => {
		const stream = readStream(
			path(`/events?player=${ben.playerId}&token=${ben.token}`),
			'answered'
		);
		await new Promise((r) => setTimeout(r, 50));
		const answer = await send(
			'POST',
			path('/answer'),
			JSON.stringify({ playerId: ben.playerId, token: ben.token, questionIndex: 0, selection: [0] })
		);
		expect(answer.status).toBe(200);
		const { status, text } = await stream;
		expect(status).toBe(200);
		expect(text.startsWith('retry: 2000\n\n')).toBe(true);
		expect(text).toContain('event: snapshot\n');
		expect(text).toContain('event: answered\n');
	});

	it('refuses a stream with a wrong token, and over the cap per player, as JSON', async () => {
		const wrong = await send('GET', path(`/events?player=${ana.playerId}&token=guess`));
		expect([wrong.status, errorCode(wrong)]).toEqual([403, 'wrong-token']);
		const open: IncomingMessage[] = [];
		const url = path(`/events?player=${ana.playerId}&token=${ana.token}`);
		for (let i = 0; i < config.streamsPerClient; i++)
			open.push(
				await new Promise<IncomingMessage>((resolve) =>
					request({ host: '127.0.0.1', port, path: url, agent: false }, resolve).end()
				)
			);
		const over = await send('GET', url);
		expect([over.status, errorCode(over)]).toEqual([429, 'too-many-streams']);
		expect(over.headers['retry-after']).toBe('5');
		for (const r of open) r.destroy();
	});

	it('leaves to SvelteKit what it does not take, before reading anything', async () => {
		const body = JSON.stringify({ playerId: ana.playerId, token: ana.token });
		const left: [string, string, string | undefined, Record<string, string>][] = [
			// Form content types: SvelteKit's cross-site check applies to them.
			['POST', path('/answer'), body, { 'content-type': 'text/plain' }],
			['POST', path('/check'), body, { 'content-type': 'application/x-www-form-urlencoded' }],
			// No content type: SvelteKit reads no body then.
			['POST', path('/answer'), body, {}],
			['GET', path('/answer'), undefined, {}],
			['HEAD', path(`/events?player=${ana.playerId}&token=${ana.token}`), undefined, {}],
			// The host's stream (its cookie), other routes, and codes in any spelling but the plain one.
			['GET', path('/events'), undefined, {}],
			['GET', path(''), undefined, {}],
			['POST', path('/join'), body, { 'content-type': 'application/json' }],
			[
				'POST',
				`/api/live/rooms/%41${room.code.slice(1)}/answer`,
				body,
				{ 'content-type': 'application/json' }
			],
			['POST', `${path('/answer')}/`, body, { 'content-type': 'application/json' }]
		];
		for (const [method, url, b, headers] of left) {
			const res = await send(method, url, b, headers);
			expect([method, url, res.status]).toEqual([method, url, LEFT_TO_SVELTEKIT]);
		}
	});

	it('asks for the proxy’s address header when one is configured, and reads the address from it', async () => {
		const proxied = nodeRoutes(() => rooms, { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
		const other = createServer((req, res) => {
			if (!proxied(req, res)) res.writeHead(LEFT_TO_SVELTEKIT).end();
		});
		await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
		const mainPort = port;
		port = (other.address() as AddressInfo).port;
		try {
			const bare = await send('GET', path(`/events?player=${ana.playerId}&token=guess`));
			expect([bare.status, errorCode(bare)]).toEqual([400, 'no-client-address']);
			// Behind the proxy, unknown codes count against the address the proxy names.
			const stranger = JSON.stringify({
				playerId: 'p1',
				token: 'x',
				questionIndex: 0,
				selection: [0]
			});
			for (let i = 0; i < config.joinLimitPerMinute; i++)
				await send('POST', '/api/live/rooms/ZZZZZZ/answer', stranger, {
					'content-type': 'application/json',
					'x-forwarded-for': '10.9.8.7'
				});
			const limited = await send(
				'GET',
				'/api/live/rooms/ZZZZZZ/events?player=p1&token=x',
				undefined,
				{
					'x-forwarded-for': '192.0.2.1, 10.9.8.7'
				}
			);
			expect([limited.status, errorCode(limited)]).toEqual([429, 'rate-limited']);
			const fresh = await send(
				'GET',
				'/api/live/rooms/ZZZZZZ/events?player=p1&token=x',
				undefined,
				{
					'x-forwarded-for': '10.9.8.6'
				}
			);
			expect([fresh.status, errorCode(fresh)]).toEqual([404, 'room-not-found']);
		} finally {
			port = mainPort;
			other.closeAllConnections();
			await new Promise((r) => other.close(r));
		}
	});
});

describe('stream backlog on a Node socket', () => {
	it('drops a stream 512 messages behind a full socket, and forgives the count on drain', () => {
		const backlog = new Backlog();
		for (let i = 0; i < 1000; i++) expect(backlog.written(false)).toBe(true);
		for (let i = 0; i < 512; i++) expect(backlog.written(true)).toBe(true);
		expect(backlog.written(true)).toBe(false);
		backlog.drained();
		expect(backlog.written(true)).toBe(true);
	});
});
