/**
 * What a page's HTML started before the app's scripts arrived (see $lib/page-preloads): files fetched and
 * stored records read, kept on the window under `EARLY_START`. Pages are client-rendered, so anything the
 * app asks for itself waits for all of its scripts to arrive and run; what the HTML starts goes meanwhile.
 */

/** What a page's HTML started (see the top of this file). */
export interface EarlyStart {
	/** Files by path, as parsed JSON; null where the fetch failed or the file did not parse. */
	files: Record<string, Promise<unknown>>;
	/** The scenario a new learner's Quick 10 is to begin with, fetched among `files` (null: none drawn). */
	first: string | null;
	/** Stored records read, by `readName` (see `earlyReads` in $lib/progress/early-reads). */
	reads?: Record<string, Promise<EarlyRead>>;
}

/**
 * A read by the page's HTML: the record (null when there is none), or the keys of all of a store's
 * records, as `value`. Null: read it the app's own way (no IndexedDB, or the read failed).
 */
export type EarlyRead = { value: unknown } | null;

/** The window's property holding the `EarlyStart` of the page's HTML. */
export const EARLY_START = '__fdEarlyStart';

/** A store's key that names the keys of all of its records, rather than one record. */
export const ALL_KEYS = '*';

/** The name of a read among `EarlyStart.reads`: a store and a key (or `ALL_KEYS`). */
export function readName(store: string, key: string): string {
	return `${store}/${key}`;
}

/** The page's `EarlyStart`, if its HTML made one. */
export function earlyStart(): EarlyStart | undefined {
	return (globalThis as Record<string, unknown>)[EARLY_START] as EarlyStart | undefined;
}

/**
 * What the page's HTML fetched of `path`, as parsed JSON, taken once: null where it fetched none, or its
 * fetch failed (the caller then fetches it itself, and says what went wrong). A second ask (a retry, a
 * visit back within the page) gets null.
 */
export async function takeEarlyFile(path: string): Promise<unknown> {
	const files = earlyStart()?.files;
	const file = files?.[path];
	if (!file) return null;
	delete files[path];
	return file;
}

/**
 * What the page's HTML read of a store's record under `key` (or of its keys, `ALL_KEYS`). It holds for
 * every read of it until the page writes to that store (see `dropEarlyReads`): what is stored changes only
 * by a write.
 */
export function earlyRead(store: string, key: string): Promise<EarlyRead> | undefined {
	return earlyStart()?.reads?.[readName(store, key)];
}

/** Forgets what the page's HTML read of a store: the page is about to write to it. */
export function dropEarlyReads(store: string): void {
	const reads = earlyStart()?.reads;
	for (const name of Object.keys(reads ?? {}))
		if (name.startsWith(readName(store, ''))) delete reads![name];
}
