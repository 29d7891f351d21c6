/**
 * Checks of the live-room database files before SQLite opens them, and setting damaged files aside.
 *
 * SQLite repairs what it can without a word: it drops a write-ahead log (WAL) whose header is broken,
 * ignores the frames after a torn one, and opens a database whose WAL was deleted as if the WAL had never
 * existed. For live rooms each of these silently loses rooms, players and answers, so the store looks at
 * the files first and, when they are damaged, moves them aside (nothing is deleted) and says so.
 *
 * File formats: https://www.sqlite.org/fileformat2.html (database header, WAL header and frames).
 */
import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';

/**
 * What is wrong with the files:
 * - `db-truncated`: the database file is shorter than its own header says, or not whole pages;
 * - `db-not-sqlite`: the database file does not start with SQLite's header;
 * - `db-corrupt`: SQLite's own check (or a read) found the database malformed;
 * - `wal-missing`: the WAL was removed after the server stopped without closing the database, so the
 *   changes in it are gone;
 * - `wal-torn`: the WAL is cut off in the middle, or its header or a frame before the end is broken.
 */
export type StoreDamage =
	'db-truncated' | 'db-not-sqlite' | 'db-corrupt' | 'wal-missing' | 'wal-torn';

/** A damage found, with a detail for the log. */
export interface StoreProblem {
	damage: StoreDamage;
	detail: string;
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function readBytes(path: string, length: number, position = 0): Buffer {
	const fd = openSync(path, 'r');
	try {
		const buf = Buffer.alloc(length);
		const n = readSync(fd, buf, 0, length, position);
		return buf.subarray(0, n);
	} finally {
		closeSync(fd);
	}
}

function sizeOf(path: string): number | null {
	return existsSync(path) ? statSync(path).size : null;
}

/** The page size stored at offset 16 of the database header (1 means 65,536). */
function pageSizeOf(raw: number): number {
	return raw === 1 ? 65536 : raw;
}

/**
 * Checks the database file and its WAL without opening them with SQLite. Returns the first problem, or
 * null when the files look whole (SQLite's own integrity check runs after opening).
 */
export function inspectStoreFiles(path: string): StoreProblem | null {
	const dbSize = sizeOf(path);
	const walSize = sizeOf(`${path}-wal`) ?? 0;
	if (walSize > 0) {
		const wal = inspectWal(`${path}-wal`, walSize);
		if (wal) return wal;
	}
	if (dbSize === null) return null;
	if (dbSize === 0)
		return walSize > 0 ? null : { damage: 'db-truncated', detail: 'the database file is empty' };
	if (dbSize < 100) return { damage: 'db-truncated', detail: `only ${dbSize} bytes` };
	const header = readBytes(path, 100);
	if (header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0')
		return { damage: 'db-not-sqlite', detail: 'no SQLite header' };
	const pageSize = pageSizeOf(header.readUInt16BE(16));
	if (dbSize % pageSize !== 0)
		return {
			damage: 'db-truncated',
			detail: `${dbSize} bytes is not a whole number of ${pageSize}-byte pages`
		};
	// The header's page count is trustworthy when its "valid for" counter matches the change counter.
	// With changes still in the WAL the file may legitimately lag; SQLite's check after opening covers that.
	const pages = header.readUInt32BE(28);
	const valid = header.readUInt32BE(92) === header.readUInt32BE(24);
	if (walSize === 0 && valid && pages * pageSize > dbSize)
		return {
			damage: 'db-truncated',
			detail: `${dbSize / pageSize} of ${pages} pages are left`
		};
	return null;
}

/** SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s`. */
function walChecksum(data: Buffer, bigEndian: boolean, s: [number, number]): [number, number] {
	let [s0, s1] = s;
	for (let i = 0; i < data.length; i += 8) {
		const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
		const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
		s0 = (s0 + x0 + s1) >>> 0;
		s1 = (s1 + x1 + s0) >>> 0;
	}
	return [s0, s1];
}

/**
 * Checks a non-empty WAL: a valid header, a whole number of frames, and no broken frame followed by more
 * frames of the same generation (SQLite would silently drop everything after the broken one). Frames of an
 * older generation after the live ones are normal: SQLite reuses the file from the start.
 */
function inspectWal(walPath: string, size: number): StoreProblem | null {
	if (size < WAL_HEADER)
		return { damage: 'wal-torn', detail: `WAL of ${size} bytes has no header` };
	const data = readBytes(walPath, size);
	const magic = data.readUInt32BE(0);
	if (magic !== 0x377f0682 && magic !== 0x377f0683)
		return { damage: 'wal-torn', detail: 'WAL header is not SQLite’s' };
	const bigEndian = magic === 0x377f0683;
	const pageSize = data.readUInt32BE(8);
	const salt1 = data.readUInt32BE(16);
	const salt2 = data.readUInt32BE(20);
	let sum = walChecksum(data.subarray(0, 24), bigEndian, [0, 0]);
	if (sum[0] !== data.readUInt32BE(24) || sum[1] !== data.readUInt32BE(28))
		return { damage: 'wal-torn', detail: 'WAL header checksum is wrong' };
	const frame = FRAME_HEADER + pageSize;
	if ((size - WAL_HEADER) % frame !== 0)
		return {
			damage: 'wal-torn',
			detail: `WAL of ${size} bytes ends inside a frame (frames are ${frame} bytes)`
		};
	let broken = -1;
	for (let at = WAL_HEADER, n = 0; at < size; at += frame, n++) {
		const sameGeneration =
			data.readUInt32BE(at + 8) === salt1 && data.readUInt32BE(at + 12) === salt2;
		if (broken >= 0) {
			if (sameGeneration)
				return {
					damage: 'wal-torn',
					detail: `WAL frame ${broken + 1} is broken and later frames would be dropped`
				};
			continue;
		}
		if (!sameGeneration) {
			broken = n;
			continue;
		}
		sum = walChecksum(data.subarray(at, at + 8), bigEndian, sum);
		sum = walChecksum(data.subarray(at + FRAME_HEADER, at + frame), bigEndian, sum);
		if (sum[0] !== data.readUInt32BE(at + 16) || sum[1] !== data.readUInt32BE(at + 20)) broken = n;
	}
	return null;
}

/**
 * Moves the database and its WAL and shared-memory files aside as `<name>.damaged-<time>[-wal|-shm]`, so
 * a fresh store can start and nothing is lost; returns the new paths.
 */
export function setAside(path: string, at: number): string[] {
	const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
	const moved: string[] = [];
	for (const suffix of ['', '-wal', '-shm']) {
		const from = `${path}${suffix}`;
		if (!existsSync(from)) continue;
		const to = `${path}.damaged-${stamp}${suffix}`;
		renameSync(from, to);
		moved.push(to);
	}
	return moved;
}
