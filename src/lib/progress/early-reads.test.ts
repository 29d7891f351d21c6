/**
 * The home page's early script (its HTML's, as sent) on a real IndexedDB implementation (fake-indexeddb;
 * the browser tests run it in Chromium): it reads the history's keys and the due summary as the app's own
 * reads would, makes no database a first visit lacks, never holds a database open, and the home page's
 * count takes what it read, once.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALL_KEYS, EARLY_START, earlyRead, earlyStart, type EarlyRead } from '$lib/early';
import { pageData } from '$lib/page-data';
import { earlyStartScript, withPreloads } from '$lib/page-preloads';
import { bankIndex } from '$lib/quiz/catalog';
import { firstPools } from '$lib/quiz/quick-ahead';
import { shippedBank } from '$lib/quiz/test-catalog';
import { readKeys, readOne } from './bulk';
import { store } from './db';
import { idsDigest } from './digest';
import { checkDueSummary, DUE_KEY, endOfDay } from './due-summary';

const policy = '<meta http-equiv="content-security-policy" content="script-src \'self\'">';
const home = `<!doctype html><html><head><meta charset="utf-8" />${policy}</head><body></body></html>`;
const noPools = () => {
	throw new Error('only the drill page asks for the first scenario');
};

/** Deletes a database (as on a first visit); fails if a connection left open holds the deletion up. */
function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
		request.onblocked = () => reject(new Error(`${name}: deletion blocked by an open connection`));
	});
}

const databases = async () => (await indexedDB.databases()).map((d) => d.name);

describe("the home page's early reads", () => {
	let script = '';
	const fetched: string[] = [];
	beforeAll(async () => {
		script = /<script>([\s\S]*?)<\/script>/.exec(
			await withPreloads(home, '/', { pools: noPools })
		)![1]!;
	});
	afterEach(() => {
		vi.unstubAllGlobals();
		delete (globalThis as Record<string, unknown>)[EARLY_START];
	});

	/** Runs the page's script as its HTML does, with `fetch` answering the bank's figures. */
	function run(answer: () => Promise<Response> = async () => Response.json({ scenarios: 60 })) {
		fetched.length = 0;
		vi.stubGlobal('fetch', (path: string) => {
			fetched.push(path);
			return answer();
		});
		new Function(script)();
		const reads = earlyStart()?.reads as Record<string, Promise<EarlyRead>>;
		return {
			attempts: reads['attempts/*']!,
			review: reads['review/due']!,
			quiz: reads['quiz/current']!
		};
	}

	it('reads no history and no summary on a first visit, and makes no database', async () => {
		for (const name of ['attempts', 'review']) await deleteDatabase(`fraud-drill-${name}`);
		const reads = run();
		expect(fetched).toEqual(['/bank-summary.json']);
		expect(await reads.attempts).toEqual({ value: [] });
		expect(await reads.review).toEqual({ value: null });
		expect(await databases()).not.toContain('fraud-drill-attempts');
		expect(await databases()).not.toContain('fraud-drill-review');
		// The count takes those reads: nothing to review, and still no database made.
		expect(await checkDueSummary()).toEqual({ status: 'empty' });
		expect(await databases()).not.toContain('fraud-drill-attempts');
	});

	it("reads the history's keys and the stored summary as localforage keeps them, then lets go of both databases", async () => {
		const attempts = await store('attempts');
		for (const id of ['run-2:0', 'run-1:0', 'run-1:1']) await attempts.setItem(id, { id });
		const now = Date.now();
		const summary = {
			v: 1,
			ids: idsDigest(['run-1:0', 'run-1:1', 'run-2:0']),
			asOf: endOfDay(now),
			until: Infinity,
			due: 2
		};
		await (await store('review')).setItem(DUE_KEY, summary);
		const reads = run();
		expect(await reads.attempts).toEqual({ value: ['run-1:0', 'run-1:1', 'run-2:0'] });
		expect(await reads.review).toEqual({ value: summary });
		// The count takes what the script read: a record another page stored since is not among its keys...
		await new Promise<void>((resolve, reject) => {
			const open = indexedDB.open('fraud-drill-attempts');
			open.onsuccess = () => {
				const tx = open.result.transaction('records', 'readwrite');
				tx.objectStore('records').put({ id: 'run-3:0' }, 'run-3:0');
				tx.oncomplete = () => {
					open.result.close();
					resolve();
				};
			};
			open.onerror = () => reject(open.error);
		});
		expect(await checkDueSummary(now)).toEqual({ status: 'current', due: 2 });
		expect(await readOne('quiz', 'current')).toBeNull();
		// ...until this page writes to that store: its reads are then the store's own.
		await (await store('attempts')).setItem('run-3:1', { id: 'run-3:1' });
		expect(earlyRead('attempts', ALL_KEYS)).toBeUndefined();
		expect(earlyRead('review', DUE_KEY)).toBeDefined();
		expect(await readKeys('attempts')).toEqual([
			'run-1:0',
			'run-1:1',
			'run-2:0',
			'run-3:0',
			'run-3:1'
		]);
		expect(await checkDueSummary(now)).toEqual({ status: 'stale' });
		// The script's connections are closed: storage's library can delete (or upgrade) the databases.
		await (await store('attempts')).dropInstance();
		await (await store('review')).dropInstance();
		for (const name of ['attempts', 'review']) await deleteDatabase(`fraud-drill-${name}`);
	});

	it("leaves a database it cannot read (no records store) to the app's own reads", async () => {
		await new Promise<void>((resolve, reject) => {
			const open = indexedDB.open('fraud-drill-review', 1);
			open.onupgradeneeded = () => open.result.createObjectStore('other');
			open.onsuccess = () => {
				open.result.close();
				resolve();
			};
			open.onerror = () => reject(open.error);
		});
		const reads = run();
		expect(await reads.review).toBeNull();
		await deleteDatabase('fraud-drill-review');
	});

	it("hands the bank's figures to the page's data once; a failed fetch is fetched again by the page", async () => {
		run();
		const again = vi.fn(async () => Response.json({ scenarios: 61 }));
		expect(await pageData(again, '/bank-summary.json')).toEqual({ scenarios: 60 });
		expect(again).not.toHaveBeenCalled();
		// Taken once: a later load (a visit back within the page) fetches anew.
		expect(await pageData(again, '/bank-summary.json')).toEqual({ scenarios: 61 });
		run(() => Promise.reject(new TypeError('offline')));
		expect(await pageData(again, '/bank-summary.json')).toEqual({ scenarios: 61 });
		expect(again).toHaveBeenCalledTimes(2);
	});

	it("the drill page's script reads what its trainer reads first, beside the drill's own fetches", async () => {
		const settings = { v: 3, scriptPace: 'whole', locale: null, largerText: false };
		await (await store('settings')).setItem('settings', settings);
		vi.stubGlobal('fetch', async () => Response.json({}));
		vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' });
		vi.stubGlobal('localStorage', { getItem: () => null });
		new Function(await earlyStartScript(firstPools(bankIndex(shippedBank()))))();
		const start = earlyStart()!;
		expect(Object.keys(start.reads ?? {}).sort()).toEqual([
			'quiz/checks',
			'quiz/current',
			'settings/settings'
		]);
		expect(await start.reads!['settings/settings']).toEqual({ value: settings });
		expect(await readOne('settings', 'settings')).toEqual(settings);
		// The drill's own: the index and the scenario drawn to begin Quick 10.
		expect(Object.keys(start.files)).toHaveLength(2);
		expect(start.first).not.toBeNull();
	});
});
