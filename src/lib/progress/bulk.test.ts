/**
 * Whole-store reads on a real IndexedDB implementation (fake-indexeddb): a store localforage has made is
 * read straight from IndexedDB with the same keys and values localforage gives; a store not made yet
 * reads as empty, and localforage still makes and uses it as before.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countRecords, readAll, readKeys, readOne } from './bulk';
import { store } from './db';

describe('whole-store reads', () => {
	it('read a store not made yet as empty, and leave making it to localforage', async () => {
		expect(await readKeys('settings')).toEqual([]);
		expect(await readOne('settings', 'language')).toBeNull();
		const forage = await store('settings');
		await forage.setItem('language', { v: 1, locale: 'zh-CN' });
		expect(await forage.getItem('language')).toEqual({ v: 1, locale: 'zh-CN' });
		expect(await readKeys('settings')).toEqual(['language']);
	});

	it('read one record, or the count, of a store whose database was never made without making it (a first visit)', async () => {
		// The unit tests share IndexedDB: take the database away first, as on a first visit.
		await new Promise<void>((resolve, reject) => {
			const del = indexedDB.deleteDatabase('fraud-drill-quarantine');
			del.onsuccess = () => resolve();
			del.onerror = () => reject(del.error);
		});
		expect(await readOne('quarantine', 'x')).toBeNull();
		expect(await countRecords('quarantine')).toBe(0);
		// Nothing was opened through localforage, which would have made the database.
		const names = (await indexedDB.databases()).map((d) => d.name);
		expect(names).not.toContain('fraud-drill-quarantine');
		// A write makes it, and the reads then find what it wrote.
		await (await store('quarantine')).setItem('x', { v: 1 });
		expect(await readOne('quarantine', 'x')).toEqual({ v: 1 });
		expect(await countRecords('quarantine')).toBe(1);
	});

	it('give what localforage holds: keys in order with their values, and single records', async () => {
		const forage = await store('attempts');
		for (const id of ['b', 'a', 'c']) await forage.setItem(id, { id, n: id.charCodeAt(0) });
		const { keys, values } = await readAll('attempts');
		expect(keys).toEqual(['a', 'b', 'c']);
		expect(values).toEqual(keys.map((id) => ({ id, n: id.charCodeAt(0) })));
		expect(await readKeys('attempts')).toEqual(keys);
		expect(await readOne('attempts', 'b')).toEqual({ id: 'b', n: 98 });
		expect(await readOne('attempts', 'z')).toBeNull();
	});

	it('read a database made in an earlier visit without localforage opening it first', async () => {
		// What a second page load finds: the database is there, this page's localforage not opened yet.
		await new Promise<void>((resolve, reject) => {
			const open = indexedDB.open('fraud-drill-review');
			open.onupgradeneeded = () => open.result.createObjectStore('records');
			open.onsuccess = () => {
				const tx = open.result.transaction('records', 'readwrite');
				tx.objectStore('records').put({ v: 1, due: 3 }, 'due');
				tx.oncomplete = () => {
					open.result.close();
					resolve();
				};
			};
			open.onerror = () => reject(open.error);
		});
		expect(await readOne('review', 'due')).toEqual({ v: 1, due: 3 });
		expect(await readKeys('review')).toEqual(['due']);
		// localforage opens the same database alongside and sees the same record.
		expect(await (await store('review')).getItem('due')).toEqual({ v: 1, due: 3 });
	});
});
