/**
 * Stored records read by a page's HTML, while the app's scripts are on their way (see $lib/page-preloads
 * and $lib/early). Opening IndexedDB and reading from it waits on the browser's storage, not on the page's
 * CPU: at 4x CPU the home page's history keys took about 150 ms to come in after its code asked for them,
 * the main thread idle meanwhile, and its code could ask only once all of its scripts had arrived and run.
 * Asked for by the HTML, the wait overlaps the scripts' download and start.
 *
 * Read as ./probe reads (localforage keeps plain values in IndexedDB as they are, under their keys, in a
 * database per store with one object store): a database never made is not made here, and reads as none.
 * Anything else (no IndexedDB, a database without its object store, a failed read) gives null, and the app
 * reads that store its own way, which handles each case.
 */
import type { EarlyRead, EarlyStart } from '$lib/early';

/**
 * Reads the records of each store of `reads` under its keys (the database `prefix` + the store's name,
 * object store `records`): the record under a key (null: none), or, for `all`, the keys of all of its
 * records. Each read goes under its `readName` of $lib/early (`${store}/${key}`). A store's connection is
 * closed as soon as its reads are asked for (it is done once they are), so that it never holds up
 * storage's library upgrading or deleting a database.
 *
 * Self-contained: it is turned into the text of a page's inline script, and run there.
 */
export function earlyReads(
	prefix: string,
	records: string,
	all: string,
	reads: Record<string, readonly string[]>
): Record<string, Promise<EarlyRead>> {
	const out: Record<string, Promise<EarlyRead>> = {};
	for (const name of Object.keys(reads)) {
		const keys = reads[name] ?? [];
		const answers: Record<string, (read: EarlyRead) => void> = {};
		for (const key of keys)
			out[`${name}/${key}`] = new Promise<EarlyRead>((resolve) => (answers[key] = resolve));
		const each = (read: (key: string) => EarlyRead) => {
			for (const key of keys) answers[key]!(read(key));
		};
		try {
			let missing = false;
			const request = indexedDB.open(prefix + name);
			// Opening a database that does not exist makes it: abort that, so that it stays missing.
			request.onupgradeneeded = () => {
				missing = true;
				request.transaction?.abort();
			};
			request.onerror = () => each((key) => (missing ? { value: key === all ? [] : null } : null));
			request.onblocked = () => each(() => null);
			request.onsuccess = () => {
				const db = request.result;
				try {
					const store = db.transaction(records, 'readonly').objectStore(records);
					for (const key of keys) {
						const read = key === all ? store.getAllKeys() : store.get(key);
						read.onsuccess = () =>
							answers[key]!({
								value:
									key === all ? (read.result as IDBValidKey[]).map(String) : (read.result ?? null)
							});
						read.onerror = () => answers[key]!(null);
					}
				} catch {
					// No such object store: the app reads it through storage's library.
					each(() => null);
				}
				db.close();
			};
		} catch {
			// No usable IndexedDB.
			each(() => null);
		}
	}
	return out;
}

/**
 * Run by a page's HTML (see `EARLY_PAGES` in $lib/page-preloads): fetches the page's data files (`paths`,
 * as parsed JSON; null where a fetch failed, and the app fetches again to say why) and reads its stores
 * with `read` (`earlyReads`, given the rest), on the window under `key`, beside what the page's script
 * started there before (the drill page's, see `earlyStart` in $lib/quiz/quick-ahead).
 *
 * Self-contained, like `earlyReads`.
 */
export function earlyPageStart(
	key: string,
	paths: readonly string[],
	read: typeof earlyReads,
	prefix: string,
	records: string,
	all: string,
	reads: Record<string, readonly string[]>
): void {
	const start = ((globalThis as Record<string, unknown>)[key] ??= {
		files: {},
		first: null
	}) as EarlyStart;
	for (const path of paths)
		start.files[path] = fetch(path)
			.then((r) => (r.ok ? r.json() : null))
			.catch(() => null);
	start.reads = read(prefix, records, all, reads);
}
