/**
 * The browser's progress stores, through localforage (IndexedDB, falling back to localStorage).
 * localforage is loaded lazily and only in the browser: it cannot work during server rendering, and the
 * first screen does not need it. Reads go straight to IndexedDB where they can (./bulk), so a page loads
 * localforage to write, and a first visit, with nothing stored, not before its first question.
 */
import type LocalForage from 'localforage';
import { dropEarlyReads } from '$lib/early';
import { DATABASE_PREFIX, RECORDS } from './probe';

/**
 * The stores Fraud Drill keeps. Each is its own database, so adding one never needs an upgrade. `review`
 * holds what is derived from the history (the review cards cache and the due summary), never the only copy
 * of anything.
 */
export type StoreName = 'quiz' | 'attempts' | 'settings' | 'quarantine' | 'review';

const instances = new Map<StoreName, Promise<LocalForage>>();

/** Thrown when no storage can be used (private mode, disabled storage, quota exhausted at open). */
export class StorageUnavailableError extends Error {
	constructor(cause: unknown) {
		super(
			`Browser storage is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`
		);
		this.name = 'StorageUnavailableError';
	}
}

/** Storage's library, imported once (a failed import, such as a dropped connection, is tried again). */
let library: Promise<{ default: LocalForage }> | undefined;
function loadLibrary(): Promise<{ default: LocalForage }> {
	library ??= import('localforage').catch((err: unknown) => {
		library = undefined;
		throw err;
	});
	return library;
}

/**
 * Starts loading storage's library ahead of the first write (a drill's first answer is saved as soon as its
 * feedback is painted), so that the write does not wait for the network. A failed load is tried again by
 * the write itself.
 */
export function preloadStorage(): void {
	loadLibrary().catch(() => {});
}

async function open(name: StoreName): Promise<LocalForage> {
	try {
		const localforage = (await loadLibrary()).default;
		const instance = localforage.createInstance({
			name: DATABASE_PREFIX + name,
			storeName: RECORDS,
			driver: [localforage.INDEXEDDB, localforage.LOCALSTORAGE]
		});
		await instance.ready();
		return instance;
	} catch (err) {
		throw new StorageUnavailableError(err);
	}
}

/** The localforage instance for one store, opened once. */
export function store(name: StoreName): Promise<LocalForage> {
	// What the page's HTML read of the store (see $lib/early) holds only until the page writes to it, and
	// every write takes the store from here.
	dropEarlyReads(name);
	let instance = instances.get(name);
	if (!instance) {
		instance = open(name);
		// A failed open is retried on the next call rather than remembered forever.
		instance.catch(() => instances.delete(name));
		instances.set(name, instance);
	}
	return instance;
}
