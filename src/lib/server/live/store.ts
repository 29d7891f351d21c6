/**
 * The live-room store: an embedded SQLite file (better-sqlite3) holding, per room, an append-only list of
 * session events and one row of bookkeeping. Rooms are rebuilt after a restart by replaying their events
 * through the session machine, so the events table is the single source of truth.
 *
 * WAL with synchronous=NORMAL: a committed event survives the process being killed (it is in the WAL
 * file); only a power cut can lose the last few, a trade that keeps 2,000 answers a minute cheap.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
`;

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

	/** Opens (creating if needed) the store at `path`; its folder is created too. */
	constructor(path: string = defaultStorePath()) {
		this.path = path;
		mkdirSync(resolve(path, '..'), { recursive: true });
		this.db = new Database(path);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = NORMAL');
		this.db.pragma('foreign_keys = ON');
		this.db.pragma('busy_timeout = 5000');
		this.db.exec(SCHEMA);
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

	close(): void {
		this.db.close();
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
