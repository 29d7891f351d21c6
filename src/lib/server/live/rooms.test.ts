import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { LiveError } from './http';
import { Rooms } from './rooms';
import Database from 'better-sqlite3';
import { LiveStore } from './store';
import { testRoomsConfig } from './test-config';

const catalog = shippedCatalog();
const config = testRoomsConfig();
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
	it('rebuilds rooms from the store after a restart, tokens and answers included', async () => {
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
		await first.rooms.answer(
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
		const refused = await second.rooms
			.answer(
				room.code,
				{ playerId: ana.playerId, token: ana.token, questionIndex: 0, selection: [1] },
				'ip'
			)
			.catch((e: unknown) => e);
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

describe('answers stored in batches', () => {
	const options = {
		deck: { kind: 'quick' as const },
		timer: { enabled: false, seconds: 30 },
		scoring: 'correctness' as const,
		names: 'nicknames' as const,
		seed: 9
	};

	/** A room with `n` players and its first question open. */
	function openRoom(n: number) {
		const clock = { t: 1000 };
		const s = setup(clock);
		const room = s.rooms.create(options, 'ip');
		const players = Array.from({ length: n }, (_, i) =>
			s.rooms.join(room.code, { nickname: `p${i}` }, 'ip')
		);
		s.rooms.host(room.code, { secret: room.hostSecret, action: 'start' }, 'ip');
		return { ...s, room, players };
	}

	/** Reads a stream's text until `test` holds for it. */
	async function readUntil(res: Response, test: (text: string) => boolean): Promise<string> {
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		let text = '';
		while (!test(text)) {
			const { done, value } = await reader.read();
			if (done) break;
			text += decoder.decode(value);
		}
		reader.releaseLock();
		return text;
	}

	it('stores answers that arrive together in one transaction, and acknowledges each only once stored', async () => {
		const { rooms, store, room, players } = openRoom(40);
		const stored = () => store.events(room.code).filter((e) => e.type === 'player.answer').length;
		const seen: number[] = [];
		const answers = players.map((p) =>
			rooms
				.answer(
					room.code,
					{ playerId: p.playerId, token: p.token, questionIndex: 0, selection: [0] },
					'ip'
				)
				.then((r) => {
					// Each acknowledgement finds its answer in the store already.
					seen.push(stored());
					return r;
				})
		);
		// Taken, not yet stored: nothing is acknowledged before the batch commits.
		expect(stored()).toBe(0);
		const replies = await Promise.all(answers);
		expect(seen).toHaveLength(40);
		expect(Math.min(...seen)).toBe(40);
		// Every phone got its own seq, in order, with no gaps.
		const seqs = replies.map((r) => r.seq);
		expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
		expect(store.events(room.code).map((e) => e.seq)).toEqual(
			store.events(room.code).map((_, i) => i + 1)
		);
	});

	it('refuses a second answer from the same phone while the first waits for its commit', async () => {
		const { rooms, room, players } = openRoom(1);
		const p = players[0]!;
		const body = { playerId: p.playerId, token: p.token, questionIndex: 0, selection: [0] };
		const first = rooms.answer(room.code, body, 'ip');
		const second = rooms.answer(room.code, { ...body, selection: [1] }, 'ip');
		expect(code(await second.catch((e: unknown) => e))).toBe('already-answered');
		expect((await first).accepted.selection).toEqual([0]);
	});

	it('stores pending answers before a host command, so the store keeps the room in seq order', async () => {
		const { rooms, store, room, players } = openRoom(3);
		const pending = players.map((p) =>
			rooms.answer(
				room.code,
				{ playerId: p.playerId, token: p.token, questionIndex: 0, selection: [1] },
				'ip'
			)
		);
		// The close is stored after the three answers taken before it, which all count.
		const closed = rooms.host(room.code, { secret: room.hostSecret, action: 'close' }, 'ip');
		expect(closed.room.tally?.answered).toBe(3);
		const replies = await Promise.all(pending);
		expect(Math.max(...replies.map((r) => r.seq))).toBeLessThan(closed.seq);
		expect(store.events(room.code).at(-1)?.type).toBe('host.close');
	});

	it('sends the host one tally for a batch of answers, counting only stored answers', async () => {
		const { rooms, store, room, players } = openRoom(25);
		const host = rooms.stream(room.code, { secret: room.hostSecret }, null, 'host-ip');
		await readUntil(host, (t) => t.includes('event: snapshot'));
		const replies = await Promise.all(
			players.map((p) =>
				rooms.answer(
					room.code,
					{ playerId: p.playerId, token: p.token, questionIndex: 0, selection: [0] },
					'ip'
				)
			)
		);
		const text = await readUntil(host, (t) => t.includes('event: tally'));
		const tallies = text.split('\n\n').filter((b) => b.includes('event: tally'));
		expect(tallies).toHaveLength(1);
		const data = JSON.parse(tallies[0]!.split('data: ')[1]!) as { answered: number };
		expect(data.answered).toBe(25);
		expect(store.events(room.code).filter((e) => e.type === 'player.answer')).toHaveLength(25);
		expect(Number(/id: (\d+)/.exec(tallies[0]!)?.[1])).toBeGreaterThanOrEqual(
			Math.max(...replies.map((r) => r.seq))
		);
	});

	it('when a commit fails, stores none of the batch, answers 500 and rebuilds the room from the store', async () => {
		const { rooms, store, room, players, path } = openRoom(3);
		const [a, b, c] = players as [(typeof players)[0], (typeof players)[0], (typeof players)[0]];
		const before = store.events(room.code).length;
		const answer = (p: typeof a, selection: number[]) =>
			rooms.answer(
				room.code,
				{ playerId: p.playerId, token: p.token, questionIndex: 0, selection },
				'ip'
			);
		const pa = answer(a, [0]).catch((e: unknown) => e);
		const pb = answer(b, [0]).catch((e: unknown) => e);
		// Another writer takes the next seq first (c's answer), so the batch's commit fails as a whole.
		const other = new Database(path);
		other.pragma('busy_timeout = 5000');
		other
			.prepare('INSERT INTO events (room, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)')
			.run(
				room.code,
				before + 1,
				'player.answer',
				JSON.stringify({ playerId: c.playerId, questionIndex: 0, selection: [1], at: 1000 }),
				1000
			);
		other.close();
		expect(code(await pa)).toBe('internal');
		expect(code(await pb)).toBe('internal');
		// The room is what the store holds: c's answer counts, a's and b's do not, and a can resend.
		const view = rooms.hostState(room.code, room.hostSecret, 'ip');
		expect(view.tally?.answered).toBe(1);
		expect((await answer(a, [0])).seq).toBe(before + 2);
		expect(store.events(room.code)).toHaveLength(before + 2);
	});
});
