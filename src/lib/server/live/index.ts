/**
 * The process-wide room registry, created on first use: the first live request opens the SQLite store and
 * rebuilds every room still in it. Nothing runs at import, so building and prerendering never open it.
 */
import { makeCatalog } from '$lib/quiz/catalog';
import { getBank } from '$lib/server/bank';
import { configFromEnv, Rooms } from './rooms';
import { LiveStore } from './store';

let rooms: Rooms | undefined;

/** The registry of this process's live rooms. */
export function getRooms(): Rooms {
	if (rooms) return rooms;
	const store = LiveStore.open();
	const created = new Rooms(store, makeCatalog(getBank()), configFromEnv()).start();
	// SQLite's driver closes the database as the process ends, which folds the WAL into the file and
	// deletes it; the store must then be marked closed, or the next start would take the missing WAL for
	// a damaged store. A killed process fires no exit event and keeps its WAL.
	process.once('exit', () => store.close());
	// adapter-node waits for open connections on shutdown (30 s by default); event streams never end by
	// themselves, so they are closed here and the phones reconnect to the next start.
	for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => created.stop());
	rooms = created;
	return rooms;
}

export type { StreamAuth } from './rooms';
