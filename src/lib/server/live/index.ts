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
	const created = new Rooms(LiveStore.open(), makeCatalog(getBank()), configFromEnv()).start();
	// adapter-node waits for open connections on shutdown (30 s by default); event streams never end by
	// themselves, so they are closed here and the phones reconnect to the next start.
	for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => created.stop());
	rooms = created;
	return rooms;
}

export type { StreamAuth } from './rooms';
