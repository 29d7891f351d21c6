/**
 * What of storage's code a trainer loads as it opens (on a real IndexedDB implementation, fake-indexeddb):
 * on a first visit, with no database, none beyond its raw reads, and on a stored drill that fits only its
 * checks; it loads the rest to write, or to set a record aside.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { shippedCatalog } from '$lib/quiz/test-catalog';

const loaded = vi.hoisted(() => ({ storage: 0 }));
vi.mock('./trainer-storage', async (original) => {
	loaded.storage++;
	return original();
});

const catalog = shippedCatalog();

/** The names of the app's databases in IndexedDB. */
async function databases(): Promise<string[]> {
	return (await indexedDB.databases())
		.map((d) => d.name ?? '')
		.filter((n) => n.startsWith('fraud'));
}

/** Takes a database away, as on a first visit (the unit tests share IndexedDB). */
function remove(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
	});
}

describe("a trainer's storage code", () => {
	it('is not loaded to open on a first visit, nor to offer a stored drill that fits; the first write loads it', async () => {
		for (const name of await databases()) await remove(name);
		expect(await databases()).toEqual([]);
		// The unit tests share their modules: a trainer of its own, whose storage code no test has loaded yet.
		vi.resetModules();
		const { Trainer } = await import('$lib/quiz/trainer.svelte');
		const { readSavedRecord } = await import('./trainer-reads');
		const first = new Trainer(catalog);
		await first.open();
		expect(first.storage).toBe('saved');
		expect(first.offer).toEqual({ kind: 'none' });
		expect(loaded.storage).toBe(0);
		// Opening made no database either.
		expect(await databases()).toEqual([]);

		first.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 4, at: 1 });
		first.stop();
		await first.settled();
		expect(loaded.storage).toBe(1);
		expect(await readSavedRecord('current')).toMatchObject({ v: 1 });

		// A page opened again: the drill stored fits, and is offered with its checks alone.
		vi.resetModules();
		vi.doMock('./trainer-storage', async (original) => {
			loaded.storage++;
			return original();
		});
		const again = await import('$lib/quiz/trainer.svelte');
		const second = new again.Trainer(catalog);
		await second.open();
		expect(second.offer).toMatchObject({ kind: 'resume', position: 1, total: 10 });
		expect(loaded.storage).toBe(1);
		second.stop();
		vi.doUnmock('./trainer-storage');
	});
});
