import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultStorePath, LiveStore } from './store';

const dirs: string[] = [];
function tempStore(): LiveStore {
	const dir = mkdtempSync(join(tmpdir(), 'fd-store-'));
	dirs.push(dir);
	return new LiveStore(join(dir, 'nested', 'live.sqlite'));
}

afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const room = (code: string, at: number) => ({
	code,
	hostSecretHash: 'ab'.repeat(32),
	createdAt: at,
	lastActivity: at,
	status: 'lobby' as const
});

describe('live store', () => {
	it('creates its folder and a WAL database file', () => {
		const store = tempStore();
		expect(existsSync(store.path)).toBe(true);
		store.close();
	});

	it('puts the file under FRAUD_DRILL_DATA, or data/ by default', () => {
		expect(defaultStorePath({ FRAUD_DRILL_DATA: '/srv/fd' })).toBe('/srv/fd/live.sqlite');
		expect(defaultStorePath({})).toBe(join(process.cwd(), 'data', 'live.sqlite'));
	});

	it('appends events in order and reads them back after reopening the file', () => {
		const store = tempStore();
		expect(
			store.createRoom(room('ABCDEF', 1), { type: 'system.create', payload: { a: 1 }, at: 1 })
		).toBe(true);
		store.append('ABCDEF', 2, 'player.join', { playerId: 'p1', nickname: '李雷 🐟' }, 2);
		store.append('ABCDEF', 3, 'host.start', {}, 3);
		store.setStatus('ABCDEF', 'running');
		store.close();

		const again = new LiveStore(store.path);
		const events = again.events('ABCDEF');

		expect(events.map((e) => [e.seq, e.type])).toEqual([
			[1, 'system.create'],
			[2, 'player.join'],
			[3, 'host.start']
		]);
		expect(events[1]?.payload).toEqual({ playerId: 'p1', nickname: '李雷 🐟' });
		expect(again.room('ABCDEF')).toMatchObject({ lastActivity: 3, status: 'running' });
		again.close();
	});

	it('refuses a taken room code and a taken sequence number', () => {
		const store = tempStore();
		store.createRoom(room('ABCDEF', 1), { type: 'system.create', payload: {}, at: 1 });
		expect(store.createRoom(room('ABCDEF', 2), { type: 'system.create', payload: {}, at: 2 })).toBe(
			false
		);
		expect(() => store.append('ABCDEF', 1, 'host.start', {}, 2)).toThrow();
		expect(store.events('ABCDEF')).toHaveLength(1);
		store.close();
	});

	it('deletes rooms idle since before the cutoff, with their events, and keeps the rest', () => {
		const store = tempStore();
		store.createRoom(room('OLDOLD', 100), { type: 'system.create', payload: {}, at: 100 });
		store.createRoom(room('NEWNEW', 100), { type: 'system.create', payload: {}, at: 100 });
		store.append('NEWNEW', 2, 'host.start', {}, 5000);

		const gone = store.expire(1000);

		expect(gone).toEqual(['OLDOLD']);
		expect(store.rooms().map((r) => r.code)).toEqual(['NEWNEW']);
		expect(store.events('OLDOLD')).toEqual([]);
		expect(store.counts()).toEqual({ rooms: 1, events: 2 });
		store.close();
	});
});
