/**
 * A damaged room database, with the built server and real SQLite files: the database truncated, the
 * write-ahead log removed after a crash, the write-ahead log cut in half. Each time the server must not
 * start as if nothing happened: the damaged files are moved aside (nothing deleted), the log says so
 * loudly with the file's name, the host of a room from before is told why the room is gone, and new
 * rooms work. A clean crash (kill -9, files intact) keeps every room.
 *
 * The crash is made once: a busy room, then kill -9 (and, for the tests that cut the database file, one
 * more start that moves the log into the file, then kill -9 again). Each test damages its own byte-for-byte
 * copy of that data folder, which is what the folder itself would hold, so no test sees another's damage.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateRoomResponse, HostView, JoinResponse } from '$lib/live/protocol';
import { call, killServer, startServer, tempDataDir, type ErrorReply, type Server } from './server';

const env = { FRAUD_DRILL_JOIN_LIMIT: '1000' };
let server: Server | null = null;

afterEach(async () => {
	if (server) await killServer(server, 'SIGTERM');
	server = null;
});

/** A room with two players, started, one answer in: everything a facilitator would hate to lose. */
async function busyRoom(s: Server): Promise<CreateRoomResponse> {
	const created = await call<CreateRoomResponse>(s, 'POST', '/api/live/rooms', {
		deck: { kind: 'quick' },
		seed: 5
	});
	expect(created.status).toBe(201);
	const room = created.body;
	const base = `/api/live/rooms/${room.code}`;
	const ana = await call<JoinResponse>(s, 'POST', `${base}/join`, { nickname: 'Ana' });
	expect(ana.status).toBe(201);
	expect((await call(s, 'POST', `${base}/join`, { nickname: 'Ben' })).status).toBe(201);
	const start = await call(s, 'POST', `${base}/host`, { secret: room.hostSecret, action: 'start' });
	expect(start.status).toBe(200);
	const answer = await call(s, 'POST', `${base}/answer`, {
		playerId: ana.body.playerId,
		token: ana.body.token,
		questionIndex: 0,
		selection: [0]
	});
	expect(answer.status).toBe(200);
	return room;
}

/** A fresh data folder holding a copy of `dir`'s files. */
function copyOf(dir: string): string {
	const copy = tempDataDir();
	cpSync(dir, copy, { recursive: true });
	return copy;
}

function hostView(s: Server, room: CreateRoomResponse) {
	return call<HostView & ErrorReply>(s, 'GET', `/api/live/rooms/${room.code}/host`, undefined, {
		headers: { 'x-host-secret': room.hostSecret }
	});
}

/** Restarts on the same folder and checks the damage was set aside, logged, and told to the host. */
async function expectSetAside(
	dataDir: string,
	room: CreateRoomResponse,
	damage: string
): Promise<Server> {
	const s = await startServer({ dataDir, env });
	const lost = await hostView(s, room);
	expect(lost.status).toBe(404);
	expect(lost.body.error.code).toBe('room-lost');
	const joined = await call<ErrorReply>(s, 'POST', `/api/live/rooms/${room.code}/join`, {
		nickname: 'Cai'
	});
	expect(joined.body.error.code).toBe('room-lost');

	const log = s.output();
	const file = join(dataDir, 'live.sqlite');
	expect(log).toContain('THE ROOM DATABASE IS DAMAGED');
	expect(log).toContain(`${file}: ${damage}`);
	const aside = readdirSync(dataDir).filter((f) => f.startsWith('live.sqlite.damaged-'));
	expect(aside.length).toBeGreaterThan(0);
	for (const f of aside) expect(log).toContain(join(dataDir, f));

	// The server carries on with a fresh database: a new room works.
	const fresh = await call<CreateRoomResponse>(s, 'POST', '/api/live/rooms', {
		deck: { kind: 'quick' }
	});
	expect(fresh.status).toBe(201);
	expect((await hostView(s, fresh.body)).status).toBe(200);
	return s;
}

describe('a damaged room database is never lost without a word', () => {
	let room: CreateRoomResponse;
	/** The data folder a kill -9 left behind, with its write-ahead log. */
	let crashed: string;
	/** The same crash after one more start (the log moved into the database file) and kill -9. */
	let restarted: string;

	beforeAll(async () => {
		const first = await startServer({ env });
		room = await busyRoom(first);
		await killServer(first, 'SIGKILL');
		crashed = first.dataDir;
		const second = await startServer({ dataDir: copyOf(crashed), env });
		expect((await hostView(second, room)).status).toBe(200);
		await killServer(second, 'SIGKILL');
		restarted = second.dataDir;
	});

	it('control: kill -9 with the files intact keeps every room', async () => {
		server = await startServer({ dataDir: copyOf(crashed), env });
		const back = await hostView(server, room);
		expect(back.status).toBe(200);
		expect(back.body.players.map((p) => p.nickname)).toEqual(['Ana', 'Ben']);
		expect(back.body.tally?.answered).toBe(1);
		expect(server.output()).not.toContain('DAMAGED');
		// A clean stop closes the database (its WAL folded in and removed): no false alarm either.
		await killServer(server, 'SIGTERM');
		expect(existsSync(join(server.dataDir, 'live.sqlite-wal'))).toBe(false);
		server = await startServer({ port: server.port, dataDir: server.dataDir, env });
		expect((await hostView(server, room)).status).toBe(200);
		expect(server.output()).not.toContain('DAMAGED');
	});

	it('the write-ahead log removed after a crash', async () => {
		const dir = copyOf(crashed);
		const wal = join(dir, 'live.sqlite-wal');
		expect(statSync(wal).size).toBeGreaterThan(0);
		unlinkSync(wal);
		server = await expectSetAside(dir, room, 'wal-missing');
	});

	it('the write-ahead log cut in half', async () => {
		const dir = copyOf(crashed);
		const wal = join(dir, 'live.sqlite-wal');
		truncateSync(wal, Math.floor(statSync(wal).size / 2));
		server = await expectSetAside(dir, room, 'wal-torn');
	});

	it('the database file truncated', async () => {
		const dir = copyOf(restarted);
		const db = join(dir, 'live.sqlite');
		const size = statSync(db).size;
		expect(size).toBeGreaterThanOrEqual(4 * 4096);
		// Whole pages, so only the header's own page count can tell.
		truncateSync(db, Math.floor(size / 2 / 4096) * 4096);
		server = await expectSetAside(dir, room, 'db-truncated');
	});

	it('a database file cut inside a page, and no false alarm on the next clean start', async () => {
		const dir = copyOf(restarted);
		const db = join(dir, 'live.sqlite');
		truncateSync(db, statSync(db).size - 1000);
		server = await expectSetAside(dir, room, 'db-truncated');
		const port = server.port;
		await killServer(server, 'SIGTERM');
		server = await startServer({ port, dataDir: dir, env });
		expect(server.output()).not.toContain('DAMAGED');
		expect(existsSync(join(dir, 'live.sqlite'))).toBe(true);
		// The host of the lost room is still told why, until it would have expired anyway.
		const lost = await hostView(server, room);
		expect(lost.body.error.code).toBe('room-lost');
	});
});
