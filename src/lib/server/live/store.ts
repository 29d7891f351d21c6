/**
 * The live-room store: an embedded SQLite file (better-sqlite3) holding, per room, an append-only list of
 * session events and one row of bookkeeping. Rooms are rebuilt after a restart by replaying their events
 * through the session machine, so the events table is the single source of truth.
 *
 * WAL with synchronous=NORMAL: a committed event survives the process being killed (it is in the WAL
 * file); only a power cut can lose the last few, a trade that keeps 2,000 answers a minute cheap.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspectStoreFiles, setAside, type StoreDamage, type StoreProblem } from './store-check';

/** Where rooms are kept: `$FRAUD_DRILL_DATA/live.sqlite`, by default `data/live.sqlite` in the project. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
	const dir = env.FRAUD_DRILL_DATA?.trim() || 'data';
	return join(resolve(dir), 'live.sqlite');
}

/** How a room stands, for listing and cleanup without replaying it. */
export type RoomStatus = 'lobby' | 'running' | 'report';

export interface RoomRow {
	code: string;
	hostSecretHash: string;
	createdAt: number;
	lastActivity: number;
	status: RoomStatus;
}

export interface StoredEvent {
	code: string;
	seq: number;
	type: string;
	payload: unknown;
	at: number;
}

/** One event to append: `payload` is the event without its type, stored as JSON. */
export interface EventRow {
	code: string;
	seq: number;
	type: string;
	payload: unknown;
	at: number;
}

interface RawRoom {
	code: string;
	host_secret_hash: string;
	created_at: number;
	last_activity: number;
	status: RoomStatus;
}

interface RawEvent {
	room: string;
	seq: number;
	type: string;
	payload: string;
	at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rooms (
	code TEXT PRIMARY KEY,
	host_secret_hash TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_activity INTEGER NOT NULL,
	status TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS events (
	room TEXT NOT NULL REFERENCES rooms(code) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	type TEXT NOT NULL,
	payload TEXT NOT NULL,
	at INTEGER NOT NULL,
	PRIMARY KEY (room, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rooms_by_activity ON rooms(last_activity);
CREATE TABLE IF NOT EXISTS store_meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
`;

/** A damaged store that was set aside when this one started (kept until the next damage). */
export interface StoreRecovery {
	at: number;
	damage: StoreDamage;
	detail: string;
	/** Where the damaged files are now. */
	movedTo: string[];
}

/** Thrown by the constructor when the files are damaged; `LiveStore.open` sets them aside. */
export class StoreDamageError extends Error {
	constructor(
		readonly path: string,
		readonly problem: StoreProblem
	) {
		super(`live-room database ${path} is damaged (${problem.damage}): ${problem.detail}`);
		this.name = 'StoreDamageError';
	}
}

/** SQLite's codes for a file that is not a (whole) database. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_IOERR_SHORT_READ']);

/** The SQLite store of live rooms. One per process; every method is synchronous and transactional. */
export class LiveStore {
	readonly path: string;
	private readonly db: Database.Database;
	private readonly insertRoom: Database.Statement<[string, string, number, number, string]>;
	private readonly insertEvent: Database.Statement<[string, number, string, string, number]>;
	private readonly touchRoom: Database.Statement<[number, string]>;
	private readonly selectRooms: Database.Statement<[], RawRoom>;
	private readonly selectRoom: Database.Statement<[string], RawRoom>;
	private readonly selectEvents: Database.Statement<[string], RawEvent>;
	private readonly selectExpired: Database.Statement<[number], { code: string }>;
	private readonly deleteRoom: Database.Statement<[string]>;
	private readonly updateStatus: Database.Statement<[string, string]>;
	private readonly appendTx: (
		code: string,
		seq: number,
		type: string,
		payload: string,
		at: number
	) => void;
	private readonly appendManyTx: (rows: readonly EventRow[]) => void;

	/**
	 * Opens the store at `path` (created if needed, folder too). When its files are damaged they are
	 * moved aside, the damage is logged loudly with the paths, and a fresh store starts that remembers the
	 * recovery (`recovery()`), so the pages can say why old rooms are gone. Nothing is deleted.
	 */
	static open(path: string = defaultStorePath(), now: () => number = Date.now): LiveStore {
		try {
			return new LiveStore(path);
		} catch (error) {
			const problem =
				error instanceof StoreDamageError
					? error.problem
					: isSqliteDamage(error)
						? { damage: 'db-corrupt' as const, detail: (error as Error).message }
						: null;
			if (!problem) throw error;
			const at = now();
			const movedTo = setAside(path, at);
			console.error(
				[
					'',
					'!!! LIVE ROOMS: THE ROOM DATABASE IS DAMAGED !!!',
					`!!! ${path}: ${problem.damage} (${problem.detail})`,
					`!!! Moved aside, nothing deleted: ${movedTo.join(', ')}`,
					'!!! A fresh database starts now; rooms from before cannot be continued here, and their',
					'!!! hosts are told so. Keep the moved files to inspect or restore them (stop the server,',
					'!!! copy them back under their old names).',
					''
				].join('\n')
			);
			const store = new LiveStore(path);
			store.setMeta('recovery', JSON.stringify({ at, ...problem, movedTo }));
			return store;
		}
	}

	/**
	 * Opens (creating if needed) the store at `path`; its folder is created too. Throws StoreDamageError
	 * (or SQLite's corruption error) when the files are damaged; `LiveStore.open` handles that.
	 */
	constructor(path: string = defaultStorePath()) {
		this.path = path;
		mkdirSync(resolve(path, '..'), { recursive: true });
		const problem = inspectStoreFiles(path);
		if (problem) throw new StoreDamageError(path, problem);
		const walExisted = existsSync(`${path}-wal`);
		this.db = new Database(path);
		try {
			this.db.pragma('journal_mode = WAL');
			this.db.pragma('synchronous = NORMAL');
			this.db.pragma('foreign_keys = ON');
			this.db.pragma('busy_timeout = 5000');
			const check = this.db.pragma('quick_check', { simple: true });
			if (check !== 'ok')
				throw new StoreDamageError(path, { damage: 'db-corrupt', detail: String(check) });
			this.db.exec(SCHEMA);
			// "open" is set while a server uses the file and written through to the main file at once: a
			// server that stops without closing leaves its last changes in the WAL, so "open" without a WAL
			// next time means the WAL, and the changes in it, were removed.
			if (this.meta('open') === '1' && !walExisted)
				throw new StoreDamageError(path, {
					damage: 'wal-missing',
					detail: 'the server stopped without closing the database and its -wal file is gone'
				});
			this.setMeta('open', '1');
			this.db.pragma('wal_checkpoint(TRUNCATE)');
		} catch (error) {
			this.db.close();
			throw error;
		}
		this.insertRoom = this.db.prepare(
			'INSERT INTO rooms (code, host_secret_hash, created_at, last_activity, status) VALUES (?, ?, ?, ?, ?)'
		);
		this.insertEvent = this.db.prepare(
			'INSERT INTO events (room, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)'
		);
		this.touchRoom = this.db.prepare('UPDATE rooms SET last_activity = ? WHERE code = ?');
		this.updateStatus = this.db.prepare('UPDATE rooms SET status = ? WHERE code = ?');
		this.selectRooms = this.db.prepare('SELECT * FROM rooms ORDER BY created_at, code');
		this.selectRoom = this.db.prepare('SELECT * FROM rooms WHERE code = ?');
		this.selectEvents = this.db.prepare(
			'SELECT room, seq, type, payload, at FROM events WHERE room = ? ORDER BY seq'
		);
		this.selectExpired = this.db.prepare('SELECT code FROM rooms WHERE last_activity < ?');
		this.deleteRoom = this.db.prepare('DELETE FROM rooms WHERE code = ?');
		this.appendTx = this.db.transaction(
			(code: string, seq: number, type: string, payload: string, at: number) => {
				this.insertEvent.run(code, seq, type, payload, at);
				this.touchRoom.run(at, code);
			}
		);
		this.appendManyTx = this.db.transaction((rows: readonly EventRow[]) => {
			const touched = new Map<string, number>();
			for (const r of rows) {
				this.insertEvent.run(r.code, r.seq, r.type, JSON.stringify(r.payload), r.at);
				touched.set(r.code, Math.max(r.at, touched.get(r.code) ?? 0));
			}
			// One touch per room, not per event: a batch holds hundreds of one room's answers.
			for (const [code, at] of touched) this.touchRoom.run(at, code);
		});
	}

	/** Creates a room with its first event (seq 1) in one transaction. False when the code is taken. */
	createRoom(room: RoomRow, first: { type: string; payload: unknown; at: number }): boolean {
		return this.db.transaction(() => {
			if (this.selectRoom.get(room.code)) return false;
			this.insertRoom.run(
				room.code,
				room.hostSecretHash,
				room.createdAt,
				room.lastActivity,
				room.status
			);
			this.insertEvent.run(room.code, 1, first.type, JSON.stringify(first.payload), first.at);
			return true;
		})();
	}

	/**
	 * Appends event `seq` to a room and marks the room active. Throws when `seq` is already taken, so two
	 * writers can never both think they recorded the same step.
	 */
	append(code: string, seq: number, type: string, payload: unknown, at: number): void {
		this.appendTx(code, seq, type, JSON.stringify(payload), at);
	}

	/**
	 * Appends many events, of one room or several, in ONE transaction: all of them are stored or none is.
	 * A room's answers arriving together are written with one commit instead of one each, which is most
	 * of what an answer cost the server. Throws (storing nothing) when any `seq` is already taken.
	 */
	appendMany(rows: readonly EventRow[]): void {
		if (rows.length > 0) this.appendManyTx(rows);
	}

	/** Records how a room stands (called when its phase moves between lobby, running and report). */
	setStatus(code: string, status: RoomStatus): void {
		this.updateStatus.run(status, code);
	}

	/** Every stored room. */
	rooms(): RoomRow[] {
		return this.selectRooms.all().map(fromRaw);
	}

	/** One room, or undefined. */
	room(code: string): RoomRow | undefined {
		const raw = this.selectRoom.get(code);
		return raw ? fromRaw(raw) : undefined;
	}

	/** A room's events in order. */
	events(code: string): StoredEvent[] {
		return this.selectEvents.all(code).map((e) => ({
			code: e.room,
			seq: e.seq,
			type: e.type,
			payload: JSON.parse(e.payload) as unknown,
			at: e.at
		}));
	}

	/** Deletes every room idle since before `cutoff` (epoch ms), events included; returns their codes. */
	expire(cutoff: number): string[] {
		return this.db.transaction(() => {
			const codes = this.selectExpired.all(cutoff).map((r) => r.code);
			for (const code of codes) this.deleteRoom.run(code);
			return codes;
		})();
	}

	/** Counts rows, for tests and diagnostics. */
	counts(): { rooms: number; events: number } {
		const rooms = this.db.prepare('SELECT COUNT(*) AS n FROM rooms').get() as { n: number };
		const events = this.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
		return { rooms: rooms.n, events: events.n };
	}

	/** The damaged store set aside when this one started, if any. */
	recovery(): StoreRecovery | null {
		const raw = this.meta('recovery');
		if (!raw) return null;
		try {
			return JSON.parse(raw) as StoreRecovery;
		} catch {
			return null;
		}
	}

	/** Replaces a room's host secret hash (a host handover). */
	setHostSecretHash(code: string, hash: string): void {
		this.db.prepare('UPDATE rooms SET host_secret_hash = ? WHERE code = ?').run(hash, code);
	}

	private meta(key: string): string | undefined {
		const row = this.db.prepare('SELECT value FROM store_meta WHERE key = ?').get(key) as
			{ value: string } | undefined;
		return row?.value;
	}

	private setMeta(key: string, value: string): void {
		this.db
			.prepare(
				'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
			)
			.run(key, value);
	}

	/** Closes the database (again: nothing); a closed store is not "open" any more, so its WAL may go. */
	close(): void {
		if (!this.db.open) return;
		try {
			this.setMeta('open', '0');
		} finally {
			this.db.close();
		}
	}
}

function fromRaw(r: RawRoom): RoomRow {
	return {
		code: r.code,
		hostSecretHash: r.host_secret_hash,
		createdAt: r.created_at,
		lastActivity: r.last_activity,
		status: r.status
	};
}

function isSqliteDamage(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && DAMAGE_CODES.has(code);
}
