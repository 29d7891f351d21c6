/**
 * Reading a stored record straight from IndexedDB, with nothing else of storage's code: what a page needs
 * as it starts. A first visit has no database yet, finds none here (without making one), and so loads the
 * rest of storage's code only to write, after its first question; a page that finds a record loads the
 * code that checks it then. localforage keeps plain values in IndexedDB as they are, under their keys, in a
 * database per store with one object store, `records` (see ./db). With no usable IndexedDB (localforage
 * then keeps its stores in localStorage, or says storage is unavailable), a record is read through
 * localforage, loaded for it.
 */
import { earlyRead } from '$lib/early';
import type { StoreName } from './db';

/** localforage's object store in each database (see ./db). */
export const RECORDS = 'records';

/** A store's database is this and the store's name (see ./db). */
export const DATABASE_PREFIX = 'fraud-drill-';

/**
 * A connection of our own to a store's database; `absent` when IndexedDB works and the database was never
 * made (nothing was ever stored in it: localforage makes it as it first opens the store); null when it must
 * be read through localforage (no IndexedDB, or a database without its `records` store).
 */
type Connection = IDBDatabase | 'absent' | null;

const connections = new Map<StoreName, Promise<Connection>>();

/** Our connection to a store's database (see Connection). A database is never made here. */
export function connect(name: StoreName): Promise<Connection> {
	let pending = connections.get(name);
	if (!pending) {
		pending = new Promise<Connection>((resolve, reject) => {
			if (typeof indexedDB === 'undefined') return resolve(null);
			let missing = false;
			const request = indexedDB.open(DATABASE_PREFIX + name);
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

/** The store's records for reading through our connection; null when it was closed under us. */
export function recordsOf(name: StoreName, db: IDBDatabase): IDBObjectStore | null {
	try {
		return db.transaction(RECORDS, 'readonly').objectStore(RECORDS);
	} catch {
		// Closed under us (a deletion or an upgrade): read through localforage, and reconnect next time.
		connections.delete(name);
		return null;
	}
}

/** The result of an IndexedDB request. */
export function done<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/**
 * The store's records for reading through our own connection; `absent` when its database was never made;
 * null when they must be read through localforage.
 */
export async function directRecords(name: StoreName): Promise<IDBObjectStore | 'absent' | null> {
	let db: Connection = null;
	try {
		db = await connect(name);
	} catch {
		// IndexedDB refused: localforage falls back to localStorage, or says storage is unavailable.
	}
	return db === 'absent' ? db : db && recordsOf(name, db);
}

/** The store through localforage, loaded for it (no usable IndexedDB, or a database being replaced). */
async function viaLibrary(name: StoreName) {
	return (await import('./db')).store(name);
}

/**
 * One record of a store (null when there is none), as localforage's getItem reads it. A store whose
 * database was never made holds nothing: that is none, without loading localforage or making the database.
 * Rejects when storage cannot be opened or read.
 */
export async function readOne(name: StoreName, key: string): Promise<unknown> {
	// Read by the page's HTML already, on some pages (see $lib/early).
	const early = earlyRead(name, key);
	if (early) {
		const read = await early;
		if (read) return read.value;
	}
	const records = await directRecords(name);
	if (records === 'absent') return null;
	if (records) return (await done(records.get(key))) ?? null;
	return (await viaLibrary(name)).getItem(key);
}

/** How many records a store holds, without reading them (none when its database was never made). */
export async function countRecords(name: StoreName): Promise<number> {
	const records = await directRecords(name);
	if (records === 'absent') return 0;
	if (records) return done(records.count());
	return (await viaLibrary(name)).length();
}
