/**
 * The process-wide room registry, created on first use: the first live request opens the SQLite store and
 * rebuilds every room still in it. Nothing runs at import, so building and prerendering never open it.
 */
import { makeCatalog } from '$lib/quiz/catalog';
import { getBank } from '$lib/server/bank';
import { configFromEnv, Rooms } from './rooms';
import { LiveStore } from './store';
import { nodeRoutes, NODE_ROUTES_KEY, type NodeRoute } from './node';

let rooms: Rooms | undefined;

/**
 * How long the server keeps a phone's idle connection open, in seconds, unless `KEEP_ALIVE_TIMEOUT` says
 * otherwise. Node's own 5 s closes a phone's connection between two questions, so every answer of a
 * room would open a new one, all within a few seconds: at 4,000 phones the burst of new connections
 * overflowed the listen queue and phones waited 1–3 s for their connection to be retried. Browsers keep
 * a used connection for minutes, so with this a phone answers on the connection it already has.
 */
export const KEEP_ALIVE_SECONDS = 120;

/**
 * Sets adapter-node's keep-alive default. The server's init hook runs while adapter-node loads its
 * handler, before it reads `KEEP_ALIVE_TIMEOUT` to set up the HTTP server, so setting it here counts.
 */
function keepConnectionsAlive(env: NodeJS.ProcessEnv = process.env): void {
	if (!env.KEEP_ALIVE_TIMEOUT) env.KEEP_ALIVE_TIMEOUT = String(KEEP_ALIVE_SECONDS);
}

/** The registry of this process's live rooms. */
export function getRooms(): Rooms {
	if (rooms) return rooms;
	keepConnectionsAlive();
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

/**
 * Offers the phones' hot routes (`node.ts`) to the server entry, which serves them before SvelteKit.
 * `FRAUD_DRILL_LIVE_ROUTES=sveltekit` leaves every request to SvelteKit's routes (to compare the two, or
 * to rule the entry out when something looks wrong). Runs in the init hook, before the entry loads.
 */
export function offerNodeRoutes(env: NodeJS.ProcessEnv = process.env): void {
	const slot = globalThis as { [NODE_ROUTES_KEY]?: NodeRoute };
	if (env.FRAUD_DRILL_LIVE_ROUTES === 'sveltekit') delete slot[NODE_ROUTES_KEY];
	else slot[NODE_ROUTES_KEY] = nodeRoutes(getRooms, env);
}

export type { StreamAuth } from './rooms';
