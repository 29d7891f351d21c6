/**
 * What an independent, hostile client found, against the built server over real HTTP with a real SQLite
 * file: nicknames that show blank or copy another's, bodies that are not objects or never end, streams
 * without end, forwarded addresses, the join link, and the host secret kept out of URLs (host cookie,
 * one-time handover).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import type {
	ClaimResponse,
	CreateRoomResponse,
	HandoverResponse,
	JoinResponse,
	JoinUrlResponse
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

const streams: SseStream[] = [];
const servers: Server[] = [];

async function start(env: Record<string, string>): Promise<Server> {
	const s = await startServer({ env });
	servers.push(s);
	return s;
}

afterAll(async () => {
	for (const s of streams) s.close();
	for (const s of servers) await killServer(s, 'SIGTERM');
});

async function createRoom(s: Server, headers: Record<string, string> = {}) {
	const res = await call<CreateRoomResponse>(
		s,
		'POST',
		'/api/live/rooms',
		{ deck: { kind: 'quick' }, seed: 11 },
		{ headers }
	);
	expect(res.status, res.text).toBe(201);
	return res;
}

function errorOf(res: { status: number; body: unknown }): ErrorReply['error'] & { status: number } {
	return { status: res.status, ...(res.body as ErrorReply).error };
}

/** The host cookie a response sets, by name, with its attributes. */
function hostCookie(headers: Record<string, unknown>, code: string) {
	const all = (headers['set-cookie'] as string[] | undefined) ?? [];
	const line = all.find((c) => c.startsWith(`fd_host_${code}=`));
	if (!line) return null;
	const [pair = '', ...attrs] = line.split(';').map((x) => x.trim());
	return {
		pair,
		value: pair.slice(pair.indexOf('=') + 1),
		attrs: attrs.map((a) => a.toLowerCase())
	};
}

describe('nicknames, bodies, the host cookie and handover', () => {
	let server: Server;
	let room: CreateRoomResponse;
	let cookie: string;
	const base = () => `/api/live/rooms/${room.code}`;
	const join = (nickname: unknown) =>
		call<JoinResponse & ErrorReply>(server, 'POST', `${base()}/join`, { nickname });

	beforeAll(async () => {
		server = await start({ FRAUD_DRILL_JOIN_LIMIT: '1000' });
		const created = await createRoom(server);
		room = created.body;
		const c = hostCookie(created.headers, room.code);
		expect(c).not.toBeNull();
		cookie = c?.pair ?? '';
	});

	it('refuses names that show blank or hide invisible characters, with the rule as a code', async () => {
		expect((await join('Ana')).status).toBe(201);
		for (const [name, reason] of [
			['\u200b', 'invisible-character'],
			['\u2060\u2063', 'invisible-character'],
			['\u00ad', 'invisible-character'],
			['Ana\u200b', 'invisible-character'],
			['\u200d', 'nothing-visible']
		]) {
			const res = await join(name);
			expect(errorOf(res)).toMatchObject({ status: 422, code: 'nickname-invalid', reason });
		}
		// An unpaired surrogate, exactly as a hostile client would put it in the JSON text.
		const raw = await call(server, 'POST', `${base()}/join`, '{"nickname":"x\\ud800"}');
		expect(errorOf(raw)).toMatchObject({
			status: 422,
			code: 'nickname-invalid',
			reason: 'broken-text'
		});
	});

	it('compares names by skeleton: a look-alike of a name in the room is taken', async () => {
		for (const name of ['ANA', 'Ａｎａ', '\u0410na']) {
			const res = await join(name);
			expect(errorOf(res)).toMatchObject({ status: 422, code: 'nickname-taken' });
		}
	});

	it('takes __proto__ and constructor as the ordinary names they are', async () => {
		for (const name of ['__proto__', 'constructor', 'toString']) {
			const res = await join(name);
			expect(res.status, res.text).toBe(201);
			expect(res.body.nickname).toBe(name);
		}
		expect(errorOf(await join('__PROTO__'))).toMatchObject({ code: 'nickname-taken' });
		const view = await call<{ players: { nickname: string }[] }>(
			server,
			'GET',
			`${base()}/host`,
			undefined,
			{ headers: { cookie } }
		);
		expect(view.body.players.map((p) => p.nickname)).toEqual([
			'Ana',
			'__proto__',
			'constructor',
			'toString'
		]);
	});

	it('answers a body that is not a JSON object with 400 invalid-body', async () => {
		for (const body of ['[]', 'null', '"Ana"', '3', '[{"nickname":"Ana"}]']) {
			const res = await call(server, 'POST', `${base()}/join`, body);
			expect(errorOf(res), body).toMatchObject({ status: 400, code: 'invalid-body' });
		}
		for (const path of ['/api/live/rooms', `${base()}/answer`, `${base()}/host`]) {
			const res = await call(server, 'POST', path, '[]');
			expect(errorOf(res), path).toMatchObject({ status: 400, code: 'invalid-body' });
		}
	});

	it('answers a chunked body trickled past 4 KiB with 413, not a dropped connection', async () => {
		let answered = false;
		const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
			const req = request(
				{
					host: '127.0.0.1',
					port: server.port,
					method: 'POST',
					path: `${base()}/join`,
					agent: false,
					headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }
				},
				(r) => {
					answered = true;
					let text = '';
					r.setEncoding('utf8');
					r.on('data', (c: string) => (text += c));
					r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
				}
			);
			// The server answers, then closes without reading the rest: a write already on its way may then
			// fail (EPIPE), which is the client's concern once the answer is in, not a dropped connection.
			req.on('error', (err) => {
				if (!answered) reject(err);
			});
			let sent = 0;
			req.write('{"nickname":"');
			// 256 bytes at a time, each a moment after the last left, until the server answers (or 64 KiB).
			const more = () => {
				if (sent > 64 * 1024 || req.destroyed || answered) return;
				sent += 256;
				req.write('x'.repeat(256), () => setTimeout(more, 2));
			};
			more();
		});
		expect(res.status).toBe(413);
		expect((JSON.parse(res.text) as ErrorReply).error.code).toBe('body-too-large');
	});

	it('sets the host cookie HttpOnly, SameSite=Strict, on the room’s path only', async () => {
		const created = await createRoom(server);
		const c = hostCookie(created.headers, created.body.code);
		expect(c?.value).toBe(created.body.hostSecret);
		expect(c?.attrs).toContain('httponly');
		expect(c?.attrs).toContain('samesite=strict');
		expect(c?.attrs).toContain(`path=/api/live/rooms/${created.body.code.toLowerCase()}`);
		// Plain http on the room's Wi-Fi: a Secure cookie would be dropped by the browser.
		expect(c?.attrs).not.toContain('secure');
	});

	it('opens the host stream with the cookie, and refuses a secret in the URL', async () => {
		const s = await openStream(server, `${base()}/events`, undefined, { headers: { cookie } });
		streams.push(s);
		expect(s.status).toBe(200);
		await s.waitFor((m) => m.event === 'snapshot');
		const inUrl = await call(
			server,
			'GET',
			`${base()}/events?secret=${encodeURIComponent(room.hostSecret)}`
		);
		expect(errorOf(inUrl)).toMatchObject({ status: 400, code: 'secret-in-url' });
		const none = await call(server, 'GET', `${base()}/events`);
		expect(errorOf(none)).toMatchObject({ status: 403, code: 'wrong-secret' });
		const report = await call(server, 'GET', `${base()}/report`, undefined, {
			headers: { cookie }
		});
		expect(report.status).toBe(200);
	});

	it('hands the room to another device once, with a one-time code', async () => {
		const r = (await createRoom(server)).body;
		const p = `/api/live/rooms/${r.code}`;
		const oldStream = await openStream(server, `${p}/events`, undefined, {
			headers: { 'x-host-secret': r.hostSecret }
		});
		streams.push(oldStream);
		await oldStream.waitFor((m) => m.event === 'snapshot');

		const offer = await call<HandoverResponse>(server, 'POST', `${p}/handover`, {
			secret: r.hostSecret
		});
		expect(offer.status).toBe(201);
		expect(offer.body.handover).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
		const wrong = await call(server, 'POST', `${p}/claim`, { handover: 'AAAA-AAAA' });
		expect(errorOf(wrong)).toMatchObject({ status: 403, code: 'wrong-handover' });

		// Typed in lower case without the dash, as people do.
		const typed = offer.body.handover.replace('-', '').toLowerCase();
		const claimed = await call<ClaimResponse>(server, 'POST', `${p}/claim`, { handover: typed });
		expect(claimed.status).toBe(200);
		const secret = claimed.body.hostSecret;
		expect(secret).not.toBe(r.hostSecret);
		expect(hostCookie(claimed.headers, r.code)?.value).toBe(secret);

		// One host again: the old secret and its stream stop, the new device runs the room.
		await expect.poll(() => oldStream.closed, { interval: 50, timeout: 5000 }).toBe(true);
		const old = await call(server, 'POST', `${p}/host`, { secret: r.hostSecret, action: 'start' });
		expect(errorOf(old)).toMatchObject({ status: 403, code: 'wrong-secret' });
		const now = await call(server, 'POST', `${p}/host`, { secret, action: 'start' });
		expect(now.status).toBe(200);
		const again = await call(server, 'POST', `${p}/claim`, { handover: offer.body.handover });
		expect(errorOf(again)).toMatchObject({ status: 403, code: 'wrong-handover' });
	});

	it('says phones cannot reach a server listening on 127.0.0.1, and offers no LAN address', async () => {
		const res = await call<JoinUrlResponse>(server, 'GET', `${base()}/join-url`);
		expect(res.status).toBe(200);
		expect(res.body.reachable).toBe(false);
		expect(res.body.addresses).toEqual([]);
		expect(new URL(res.body.url).hostname).toBe('127.0.0.1');
	});
});

describe('event stream caps', () => {
	let server: Server;

	beforeAll(async () => {
		server = await start({
			FRAUD_DRILL_JOIN_LIMIT: '1000',
			FRAUD_DRILL_STREAMS_PER_CLIENT: '3',
			FRAUD_DRILL_STREAMS_PER_ADDRESS: '5',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		});
	});

	const from = (address: string) => ({ 'x-forwarded-for': address });

	it('caps streams per player token, and frees a place when one closes', async () => {
		const room = (await createRoom(server, from('198.51.100.1'))).body;
		const p = (
			await call<JoinResponse>(
				server,
				'POST',
				`/api/live/rooms/${room.code}/join`,
				{ nickname: 'Ana' },
				{ headers: from('198.51.100.1') }
			)
		).body;
		const path = `/api/live/rooms/${room.code}/events?player=${p.playerId}&token=${encodeURIComponent(p.token)}`;
		const open: SseStream[] = [];
		for (let i = 0; i < 3; i++) {
			const s = await openStream(server, path, undefined, {
				headers: from(`198.51.100.${10 + i}`)
			});
			streams.push(s);
			open.push(s);
			expect(s.status).toBe(200);
		}
		const refused = await call(server, 'GET', path, undefined, { headers: from('198.51.100.20') });
		expect(errorOf(refused)).toMatchObject({ status: 429, code: 'too-many-streams' });
		expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

		// The server learns of the closed socket a moment later; the next try after that is let in.
		open[0]?.close();
		const retry = async () => {
			const s = await openStream(server, path, undefined, { headers: from('198.51.100.21') });
			streams.push(s);
			if (s.status !== 200) s.close();
			return s.status;
		};
		await expect.poll(retry, { interval: 100, timeout: 5000 }).toBe(200);
	});

	it('caps streams per client address, one address at a time (behind a trusted proxy)', async () => {
		const room = (await createRoom(server, from('203.0.113.1'))).body;
		const players: JoinResponse[] = [];
		for (let i = 0; i < 7; i++)
			players.push(
				(
					await call<JoinResponse>(
						server,
						'POST',
						`/api/live/rooms/${room.code}/join`,
						{ nickname: `P${i}` },
						{ headers: from('203.0.113.1') }
					)
				).body
			);
		const pathOf = (p: JoinResponse) =>
			`/api/live/rooms/${room.code}/events?player=${p.playerId}&token=${encodeURIComponent(p.token)}`;
		for (let i = 0; i < 5; i++) {
			const s = await openStream(server, pathOf(players[i]!), undefined, {
				headers: from('203.0.113.50')
			});
			streams.push(s);
			expect(s.status).toBe(200);
		}
		const sixth = await call(server, 'GET', pathOf(players[5]!), undefined, {
			headers: from('203.0.113.50')
		});
		expect(errorOf(sixth)).toMatchObject({ status: 429, code: 'too-many-streams' });
		// Another phone behind the same proxy has its own allowance.
		const other = await openStream(server, pathOf(players[6]!), undefined, {
			headers: from('203.0.113.51')
		});
		streams.push(other);
		expect(other.status).toBe(200);
	});
});

describe('forwarded client addresses', () => {
	// From an address of its own: the start-up probe's requests count on 127.0.0.1.
	const probe = (s: Server, forwarded: string) =>
		call(s, 'GET', '/api/live/rooms/ZZZZZZ', undefined, {
			from: '127.0.4.1',
			headers: { 'x-forwarded-for': forwarded }
		});

	it('with ADDRESS_HEADER and XFF_DEPTH, each phone behind the proxy has its own join limit', async () => {
		const s = await start({
			FRAUD_DRILL_JOIN_LIMIT: '3',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		});
		const a: number[] = [];
		for (let i = 0; i < 4; i++) a.push((await probe(s, '198.51.100.7')).status);
		expect(a).toEqual([404, 404, 404, 429]);
		// The proxy appends the real address last; a phone cannot fake its way out by prepending one.
		expect((await probe(s, '10.9.9.9, 198.51.100.7')).status).toBe(429);
		expect((await probe(s, '198.51.100.8')).status).toBe(404);
	});

	it('with ADDRESS_HEADER, a request that bypassed the proxy gets a 400 with a reason, not a 500', async () => {
		const s = await start({ FRAUD_DRILL_JOIN_LIMIT: '1000', ADDRESS_HEADER: 'x-forwarded-for' });
		const bare = await call(s, 'GET', '/api/live/rooms/ZZZZZZ', undefined, { from: '127.0.4.2' });
		expect(errorOf(bare)).toMatchObject({ status: 400, code: 'no-client-address' });
		const created = await call(s, 'POST', '/api/live/rooms', { deck: { kind: 'quick' } });
		expect(errorOf(created)).toMatchObject({ status: 400, code: 'no-client-address' });
		// Through the proxy the same request is served.
		expect((await probe(s, '198.51.100.9')).status).toBe(404);
	});

	it('without them, forwarded headers are ignored: one address, one limit', async () => {
		const s = await start({ FRAUD_DRILL_JOIN_LIMIT: '3' });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await probe(s, `198.51.100.${30 + i}`)).status);
		expect(statuses).toEqual([404, 404, 404, 429]);
	});

	it('with ORIGIN, the join link is ORIGIN’s and the host cookie is Secure', async () => {
		const s = await start({
			FRAUD_DRILL_JOIN_LIMIT: '1000',
			ORIGIN: 'https://quiz.example.org'
		});
		const created = await createRoom(s);
		const code = created.body.code;
		expect(created.body.joinUrl).toBe(`https://quiz.example.org/live/${code}`);
		expect(hostCookie(created.headers, code)?.attrs).toContain('secure');
		const res = await call<JoinUrlResponse>(s, 'GET', `/api/live/rooms/${code}/join-url`);
		expect(res.body).toMatchObject({
			url: `https://quiz.example.org/live/${code}`,
			source: 'origin',
			reachable: true
		});
	});
});
