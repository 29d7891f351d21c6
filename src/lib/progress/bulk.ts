/**
 * Whole-store reads in one request. localforage reads a store with a cursor, one record per step, which
 * for a history of thousands of answers costs most of a page's opening; IndexedDB's getAll and getAllKeys
 * read it in one step each. localforage keeps plain values in IndexedDB as they are, under their keys, in
 * a database per store with one object store, `records`.
 *
 * A store that localforage has already made in IndexedDB is read straight away, without waiting for
 * localforage to load and open it first: the home page and the review page read the history this way
 * at once, and every page reads its settings and saved drill so. A store whose database was never made
 * holds nothing: one record read from it (or its count) is none, without loading localforage, so a
 * first visit loads localforage only to write, after its first question; a page reading a whole store
 * (the history) has localforage make it, as before. With no usable IndexedDB (localforage then keeps its
 * stores in localStorage, or says storage is unavailable), a store is read through localforage.
 */
import { store, type StoreName } from './db';

/** localforage's name for its IndexedDB driver. */
const IDB_DRIVER = 'asyncStorage';
/** localforage's object store in each database (see db.ts). */
const RECORDS = 'records';

/**
 * A connection of our own to a store's database; `absent` when IndexedDB works and the database was never
 * made (nothing was ever stored in it: localforage makes it as it first opens the store); null when it must
 * be read through localforage (no IndexedDB, or a database without its `records` store).
 */
type Connection = IDBDatabase | 'absent' | null;

const connections = new Map<StoreName, Promise<Connection>>();

/** Our connection to a store's database (see Connection). A database is never made here. */
function connect(name: StoreName): Promise<Connection> {
	let pending = connections.get(name);
	if (!pending) {
		pending = new Promise<Connection>((resolve, reject) => {
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
				if (missing) resolve('absent');
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

/**
 * The store's records in IndexedDB; null when it must be read through localforage; `empty` when its
 * database was never made and `absentIsEmpty` (else localforage makes it, and it is read then).
 */
async function records(
	name: StoreName,
	absentIsEmpty = false
): Promise<IDBObjectStore | 'empty' | null> {
	let db: Connection = null;
	try {
		db = await connect(name);
	} catch {
		// IndexedDB refused: localforage falls back to localStorage, or says storage is unavailable.
	}
	if (db === 'absent' && absentIsEmpty) return 'empty';
	if (db && db !== 'absent') {
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
	return made && made !== 'absent'
		? made.transaction(RECORDS, 'readonly').objectStore(RECORDS)
		: null;
}

/** Every record of a store, keys and values in the same (key) order, read in one transaction. */
export async function readAll(name: StoreName): Promise<{ keys: string[]; values: unknown[] }> {
	const direct = await records(name);
	if (!direct || direct === 'empty') {
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
	if (!direct || direct === 'empty') return (await store(name)).keys();
	return (await done(direct.getAllKeys())).map(String);
}

/** One record of a store (null when there is none), as localforage's getItem reads it. */
export async function readOne(name: StoreName, key: string): Promise<unknown> {
	const direct = await records(name, true);
	if (direct === 'empty') return null;
	if (!direct) return (await store(name)).getItem(key);
	return (await done(direct.get(key))) ?? null;
}

/** How many records a store holds, without reading them. */
export async function countRecords(name: StoreName): Promise<number> {
	const direct = await records(name, true);
	if (direct === 'empty') return 0;
	if (!direct) return (await store(name)).length();
	return done(direct.count());
}
