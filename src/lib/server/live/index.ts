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
	rooms ??= new Rooms(new LiveStore(), makeCatalog(getBank()), configFromEnv()).start();
	return rooms;
}

export type { StreamAuth } from './rooms';
