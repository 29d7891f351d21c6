/**
 * Whole-store reads in one request. localforage reads a store with a cursor, one record per step, which
 * for a history of thousands of answers costs most of a page's opening; IndexedDB's getAll and getAllKeys
 * read it in one step each. localforage keeps plain values in IndexedDB as they are, under their keys, in
 * a database per store with one object store, `records`.
 *
 * A store that localforage has already made in IndexedDB is read straight away, without waiting for
 * localforage to load and open it first: the home page and the review page read the history this way
 * at once. A store not made yet, or no IndexedDB (localforage then keeps its stores in localStorage), is
 * read through localforage.
 */
import { store, type StoreName } from './db';

/** localforage's name for its IndexedDB driver. */
const IDB_DRIVER = 'asyncStorage';
/** localforage's object store in each database (see db.ts). */
const RECORDS = 'records';

const connections = new Map<StoreName, Promise<IDBDatabase | null>>();

/**
 * A connection of our own to a store's database, or null when there is no such database with its
 * `records` store (localforage has not made it yet: it is never made here, so localforage still sets it
 * up as it always does).
 */
function connect(name: StoreName): Promise<IDBDatabase | null> {
	let pending = connections.get(name);
	if (!pending) {
		pending = new Promise<IDBDatabase | null>((resolve, reject) => {
			if (typeof indexedDB === 'undefined') return resolve(null);
			let missing = false;
			const request = indexedDB.open(`fraud-drill-${name}`);
			// Opening a database that does not exist makes it: abort that, so that it stays missing.
			request.onupgradeneeded = () => {
				missing = true;
				request.transaction?.abort();
			};
			request.onsuccess = () => {
				const db = request.result;
				if (!db.objectStoreNames.contains(RECORDS)) {
					db.close();
					connections.delete(name);
					return resolve(null);
				}
				// Never hold up a deletion or an upgrade by localforage: close, and reconnect next time.
				db.onversionchange = () => {
					db.close();
					connections.delete(name);
				};
				resolve(db);
			};
			request.onerror = () => {
				connections.delete(name);
				if (missing) resolve(null);
				else reject(request.error);
			};
			request.onblocked = () => reject(new Error('blocked'));
		});
		pending.catch(() => connections.delete(name));
		connections.set(name, pending);
	}
	return pending;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/** The store's records in IndexedDB, or null when it must be read through localforage. */
async function records(name: StoreName): Promise<IDBObjectStore | null> {
	let db: IDBDatabase | null = null;
	try {
		db = await connect(name);
	} catch {
		// IndexedDB refused: localforage falls back to localStorage, or says storage is unavailable.
	}
	if (db) {
		try {
			return db.transaction(RECORDS, 'readonly').objectStore(RECORDS);
		} catch {
			// Closed under us (a deletion or an upgrade): read through localforage.
			connections.delete(name);
		}
	}
	const forage = await store(name);
	if (forage.driver() !== IDB_DRIVER) return null;
	// localforage has made the database now.
	const made = await connect(name);
	return made ? made.transaction(RECORDS, 'readonly').objectStore(RECORDS) : null;
}

/** Every record of a store, keys and values in the same (key) order, read in one transaction. */
export async function readAll(name: StoreName): Promise<{ keys: string[]; values: unknown[] }> {
	const direct = await records(name);
	if (!direct) {
		const keys: string[] = [];
		const values: unknown[] = [];
		await (
			await store(name)
		).iterate<unknown, void>((value, key) => {
			keys.push(key);
			values.push(value);
		});
		return { keys, values };
	}
	const [keys, values] = await Promise.all([done(direct.getAllKeys()), done(direct.getAll())]);
	return { keys: keys.map(String), values };
}

/** Every key of a store, without reading the values. */
export async function readKeys(name: StoreName): Promise<string[]> {
	const direct = await records(name);
	if (!direct) return (await store(name)).keys();
	return (await done(direct.getAllKeys())).map(String);
}

/** One record of a store (null when there is none), as localforage's getItem reads it. */
export async function readOne(name: StoreName, key: string): Promise<unknown> {
	const direct = await records(name);
	if (!direct) return (await store(name)).getItem(key);
	return (await done(direct.get(key))) ?? null;
}
