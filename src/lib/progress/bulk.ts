/**
 * Whole-store reads in one request. localforage reads a store with a cursor, one record per step, which
 * for a history of thousands of answers costs most of a page's opening; IndexedDB's getAll and getAllKeys
 * read it in one step each. Used when localforage runs on IndexedDB (it keeps plain values there as they
 * are, under their keys); on its localStorage fallback the store is read through localforage.
 */
import { store, type StoreName } from './db';

/** localforage's name for its IndexedDB driver. */
const IDB_DRIVER = 'asyncStorage';

const connections = new Map<StoreName, Promise<IDBDatabase>>();

/** A second connection to a store's database (localforage has opened and set it up already). */
function connect(name: StoreName): Promise<IDBDatabase> {
	let pending = connections.get(name);
	if (!pending) {
		pending = new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(`fraud-drill-${name}`);
			request.onsuccess = () => {
				const db = request.result;
				// Never hold up a deletion or an upgrade by localforage: close, and reconnect next time.
				db.onversionchange = () => {
					db.close();
					connections.delete(name);
				};
				resolve(db);
			};
			request.onerror = () => reject(request.error);
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

/** Every record of a store, keys and values in the same (key) order, read in one transaction. */
export async function readAll(name: StoreName): Promise<{ keys: string[]; values: unknown[] }> {
	const forage = await store(name);
	if (forage.driver() !== IDB_DRIVER || typeof indexedDB === 'undefined') {
		const keys: string[] = [];
		const values: unknown[] = [];
		await forage.iterate<unknown, void>((value, key) => {
			keys.push(key);
			values.push(value);
		});
		return { keys, values };
	}
	const records = (await connect(name)).transaction('records', 'readonly').objectStore('records');
	const [keys, values] = await Promise.all([done(records.getAllKeys()), done(records.getAll())]);
	return { keys: keys.map(String), values };
}

/** Every key of a store, without reading the values. */
export async function readKeys(name: StoreName): Promise<string[]> {
	const forage = await store(name);
	if (forage.driver() !== IDB_DRIVER || typeof indexedDB === 'undefined') return forage.keys();
	const records = (await connect(name)).transaction('records', 'readonly').objectStore('records');
	return (await done(records.getAllKeys())).map(String);
}
