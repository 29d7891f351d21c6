/**
 * Whole-store reads in one request. localforage reads a store with a cursor, one record per step, which
 * for a history of thousands of answers costs most of a page's opening; IndexedDB's getAll and getAllKeys
 * read it in one step each. localforage keeps plain values in IndexedDB as they are, under their keys, in
 * a database per store with one object store, `records`.
 *
 * A store that localforage has already made in IndexedDB is read straight away, without waiting for
 * localforage to load and open it first: the home page and the review page read the history this way
 * at once. A page reading a whole store (the history) has localforage make it when it was never made, as
 * before; one record, or a count, is read without (./probe, which every page's settings read and the drill
 * page's saved drill use, and which a first visit's first question needs alone). With no usable IndexedDB
 * (localforage then keeps its stores in localStorage, or says storage is unavailable), a store is read
 * through localforage.
 */
import { ALL_KEYS, earlyRead } from '$lib/early';
import { store, type StoreName } from './db';
import { connect, directRecords, done, recordsOf } from './probe';

// One record, or a count, never needs the library to make a store first: see ./probe.
export { countRecords, readOne } from './probe';

/** localforage's name for its IndexedDB driver. */
const IDB_DRIVER = 'asyncStorage';

/** The store's records in IndexedDB; null when it must be read through localforage. */
async function records(name: StoreName): Promise<IDBObjectStore | null> {
	const direct = await directRecords(name);
	if (direct && direct !== 'absent') return direct;
	// A database never made is made by localforage as it opens the store, and read then.
	const forage = await store(name);
	if (forage.driver() !== IDB_DRIVER) return null;
	const made = await connect(name);
	return made && made !== 'absent' ? recordsOf(name, made) : null;
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

/** Keys as a store's read gives them. */
const isKeys = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every((key) => typeof key === 'string');

/** Every key of a store, without reading the values. */
export async function readKeys(name: StoreName): Promise<string[]> {
	// Read by the page's HTML already, on some pages (see $lib/early): a store never made reads as none,
	// as the script leaves it unmade.
	const early = earlyRead(name, ALL_KEYS);
	if (early) {
		const read = await early;
		if (read && isKeys(read.value)) return read.value;
	}
	const direct = await records(name);
	if (!direct) return (await store(name)).keys();
	return (await done(direct.getAllKeys())).map(String);
}
