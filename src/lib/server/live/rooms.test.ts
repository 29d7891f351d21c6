import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { LiveError } from './http';
import { Rooms, type RoomsConfig } from './rooms';
import { LiveStore } from './store';

const catalog = shippedCatalog();
const config: RoomsConfig = {
	ttlMs: 60_000,
	joinLimitPerMinute: 100,
	createLimitPerMinute: 100,
	tallyIntervalMs: 10,
	sweepIntervalMs: 60_000,
	heartbeatMs: 15_000,
	streamsPerClient: 4,
	streamsPerAddress: 50
};
const dirs: string[] = [];
const open: Rooms[] = [];

function setup(clock: { t: number }, path?: string) {
	if (!path) {
		const dir = mkdtempSync(join(tmpdir(), 'fd-rooms-'));
		dirs.push(dir);
		path = join(dir, 'live.sqlite');
	}
	const store = new LiveStore(path);
	const rooms = new Rooms(store, catalog, config, () => clock.t).start();
	open.push(rooms);
	return { rooms, store, path };
}

afterEach(() => {
	for (const r of open.splice(0)) r.stop();
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function code(error: unknown): string {
	return error instanceof LiveError ? error.code : String(error);
}

describe('room registry', () => {
	it('rebuilds rooms from the store after a restart, tokens and answers included', () => {
		const clock = { t: 1000 };
		const first = setup(clock);
		const room = first.rooms.create(
			{
				deck: { kind: 'quick' },
				timer: { enabled: false, seconds: 30 },
				scoring: 'correctness',
				names: 'nicknames',
				seed: 5
			},
			'ip'
		);
		const ana = first.rooms.join(room.code, { nickname: 'Ana' }, 'ip');
		first.rooms.host(room.code, { secret: room.hostSecret, action: 'start' }, 'ip');
		first.rooms.answer(
			room.code,
			{ playerId: ana.playerId, token: ana.token, questionIndex: 0, selection: [0] },
			'ip'
		);
		const before = first.rooms.hostState(room.code, room.hostSecret, 'ip');
		first.rooms.stop();
		first.store.close();

		const second = setup(clock, first.path);
		const after = second.rooms.hostState(room.code, room.hostSecret, 'ip');

		expect(after).toEqual(before);
		expect(second.rooms.join(room.code, { token: ana.token }, 'ip').playerId).toBe(ana.playerId);
		let refused: unknown;
		try {
			second.rooms.answer(
				room.code,
				{ playerId: ana.playerId, token: ana.token, questionIndex: 0, selection: [1] },
				'ip'
			);
		} catch (e) {
			refused = e;
		}
		expect(code(refused)).toBe('already-answered');
	});

	it('expires idle rooms: rows deleted, room gone', () => {
		const clock = { t: 0 };
		const { rooms, store } = setup(clock);
		const idle = rooms.create(
			{
				deck: { kind: 'quick' },
				timer: { enabled: false, seconds: 30 },
				scoring: 'correctness',
				names: 'nicknames'
			},
			'ip'
		);
		clock.t = 50_000;
		const busy = rooms.create(
			{
				deck: { kind: 'quick' },
				timer: { enabled: false, seconds: 30 },
				scoring: 'correctness',
				names: 'nicknames'
			},
			'ip'
		);
		clock.t = 70_000;

		expect(rooms.sweep()).toEqual([idle.code]);

		expect(store.rooms().map((r) => r.code)).toEqual([busy.code]);
		let missing: unknown;
		try {
			rooms.info(idle.code, 'ip');
		} catch (e) {
			missing = e;
		}
		expect(code(missing)).toBe('room-not-found');
		expect(rooms.info(busy.code, 'ip').phase).toBe('lobby');
	});

	it('names anonymous players itself', () => {
		const { rooms } = setup({ t: 0 });
		const room = rooms.create(
			{
				deck: { kind: 'quick' },
				timer: { enabled: false, seconds: 30 },
				scoring: 'correctness',
				names: 'anonymous'
			},
			'ip'
		);
		// Numbers, not words: each screen names them in its own language.
		expect(rooms.join(room.code, { nickname: 'ignored' }, 'ip').nickname).toBe('#1');
		expect(rooms.join(room.code, {}, 'ip').nickname).toBe('#2');
	});
});
