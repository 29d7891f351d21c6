/**
 * Storage that survives damage: records planted in each store before the app loads must end with the app
 * working, the valid data kept and the rest set aside; imports that are bad in ten ways are refused and
 * leave existing progress unchanged; and with storage full or missing, training goes on in memory.
 */
import type { Page } from '@playwright/test';
import { answerByKeyboard, countRecords, putRecord, saved } from './drill';
import { emptyOrigin, expect, test } from './fixtures';

/** Creates every store with one real answered question and returns that attempt's key. */
async function seed(page: Page): Promise<void> {
	await page.goto('/data');
	await page.locator('[data-ready=true]').waitFor();
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.getByRole('radio', { name: 'Message by message' }).check();
	await page.locator('[data-deck=quick]').click();
	await answerByKeyboard(page, false);
	await saved(page);
}

const removedScenarioQuiz = {
	v: 1,
	savedAt: 1,
	snapshot: {
		status: 'active',
		value: { playing: 'asking' },
		historyValue: {},
		context: {
			runId: 'r',
			mode: 'drill',
			deck: { kind: 'quick' },
			seed: 1,
			questionIds: ['a-removed-scenario/verdict'],
			index: 0,
			revealed: 1,
			selection: [],
			answers: [],
			startedAt: 0,
			finishedAt: null,
			shownAt: 0,
			carriedMs: 0
		}
	}
};

/**
 * One damaged record per store, through the pages a learner opens, with the notice each page shows. Every
 * other kind of damage (twelve in all) is checked against the same storage code on a real IndexedDB
 * implementation in tests/unit/storage-damage.test.ts, without a browser.
 */
const cases: { name: string; store: string; key: string; value: unknown }[] = [
	{
		name: 'an attempt with wrong types',
		store: 'attempts',
		key: 'x:0',
		value: { v: 2, id: 'x:0', correct: 'yes' }
	},
	{
		name: 'a saved drill for a removed scenario',
		store: 'quiz',
		key: 'current',
		value: removedScenarioQuiz
	},
	{
		name: 'settings from a future version',
		store: 'settings',
		key: 'settings',
		value: { v: 5, scriptPace: 'x' }
	},
	{
		name: 'garbage in the set-aside store',
		store: 'quarantine',
		key: 'junk',
		value: 'not a record'
	}
];

/**
 * Empties everything the app keeps for its address (IndexedDB, local storage, caches), from a blank page so
 * that no database is open: each damage case below starts from a first visit's storage, as in a browser
 * context of its own (a context apiece cost about a second of CPU each).
 */
async function emptyStorage(page: Page): Promise<void> {
	await emptyOrigin(page, new URL(page.url()).origin);
}

test('storage damage: a damaged record in each store is set aside and the app keeps working', async ({
	page
}) => {
	test.setTimeout(60_000);
	for (const [i, c] of cases.entries())
		await test.step(c.name, async () => {
			if (i > 0) await emptyStorage(page);
			await seed(page);
			expect(await countRecords(page, 'attempts')).toBe(1);
			await putRecord(page, c.store, c.key, c.value);

			// Every page that reads storage still works, and says what it set aside.
			await page.goto('/train');
			await page.locator('[data-ready=true]').waitFor();
			if (c.store === 'settings')
				await expect(page.locator('[data-notice=settings-reset]')).toBeVisible();
			if (c.store === 'quiz') await expect(page.locator('[data-notice=set-aside]')).toBeVisible();
			await page.goto('/review');
			await page.locator('[data-ready=true]').waitFor();
			await expect(page.locator('[data-listed]')).toHaveAttribute('data-listed', '1');
			if (c.store === 'attempts')
				await expect(page.locator('[data-notice=set-aside]')).toBeVisible();
			await page.goto('/data');
			await page.locator('[data-ready=true]').waitFor();

			// The valid answer is kept; the bad record is in the set-aside store, not in its own.
			await expect(page.locator('[data-attempts]')).toHaveAttribute('data-attempts', '1');
			await expect(page.locator('[data-set-aside]')).toHaveAttribute('data-set-aside', '1');
			expect(await countRecords(page, 'attempts')).toBe(1);
			if (c.store !== 'quarantine') {
				const left = await page.evaluate(
					([name, key]) =>
						new Promise<unknown>((resolve) => {
							const open = indexedDB.open(`fraud-drill-${name}`);
							open.onsuccess = () => {
								const req = open.result
									.transaction('records')
									.objectStore('records')
									.get(key as string);
								req.onsuccess = () => resolve(req.result ?? null);
							};
						}),
					[c.store, c.key] as const
				);
				expect(left).toBeNull();
			}
			// And a new drill can be started (replacing the seeded drill, when it is still on offer, asks first).
			await page.goto('/train');
			await page.locator('[data-ready=true]').waitFor();
			const offered = (await page.locator('[data-notice=resume]').count()) > 0;
			await page.locator('[data-deck=quick]').click();
			if (offered) await page.getByRole('dialog').locator('[data-action=confirm]').click();
			await expect(page.locator('[data-screen]')).toBeVisible();
		});
});

/** Chooses a file in the import field. */
async function importFile(page: Page, name: string, body: string | Buffer) {
	await page.locator('[data-import]').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: typeof body === 'string' ? Buffer.from(body) : body
	});
}

test('ten kinds of bad import file are refused, each leaving progress unchanged', async ({
	page
}) => {
	test.setTimeout(90_000);
	await seed(page);
	await page.goto('/data');
	await page.locator('[data-ready=true]').waitFor();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export progress' }).click();
	const good = JSON.parse(
		await (
			await (await download).createReadStream()
		)
			.toArray()
			.then((c) => Buffer.concat(c).toString())
	);
	const attempt = good.attempts[0];

	const bad: [string, string | Buffer, string][] = [
		['empty.json', '', 'not valid JSON'],
		['text.json', 'hello', 'not valid JSON'],
		['array.json', '[1,2,3]', 'not a Fraud Drill progress file'],
		[
			'foreign.json',
			JSON.stringify({ format: 'other-app', version: 1 }),
			'not a Fraud Drill progress file'
		],
		['future.json', JSON.stringify({ ...good, version: 2 }), 'newer version of Fraud Drill'],
		['no-attempts.json', JSON.stringify({ ...good, attempts: undefined }), 'damaged (attempts'],
		['extra-field.json', JSON.stringify({ ...good, secret: 1 }), 'damaged (secret'],
		[
			'bad-attempt.json',
			JSON.stringify({ ...good, attempts: [{ ...attempt, correct: 'yes' }] }),
			'attempt 1 in the file is unreadable'
		],
		[
			'future-attempt.json',
			JSON.stringify({ ...good, attempts: [{ ...attempt, v: 9 }] }),
			'attempt from a newer version'
		],
		['duplicate.json', JSON.stringify({ ...good, attempts: [attempt, attempt] }), 'repeats the id'],
		[
			'bad-settings.json',
			JSON.stringify({ ...good, settings: { v: 1, scriptPace: 'fast' } }),
			'damaged (settings'
		],
		['huge.json', Buffer.alloc(10 * 1024 * 1024 + 1, 32), 'too large']
	];
	for (const [name, body, reason] of bad) {
		await importFile(page, name, body);
		await expect(page.locator('[data-message=bad]'), name).toContainText(reason);
		await expect(page.locator('[data-message=bad]'), name).toContainText(
			'Your progress was not changed.'
		);
		await expect(page.locator('[data-attempts]'), name).toHaveAttribute('data-attempts', '1');
		expect(await countRecords(page, 'attempts'), name).toBe(1);
	}
	expect(bad.length).toBeGreaterThanOrEqual(10);
});

test('export, reset and import restores everything', async ({ page, axe }) => {
	await seed(page);
	await page.keyboard.press('Enter');
	await answerByKeyboard(page, true, true);
	await saved(page);
	await page.goto('/review');
	await page.locator('[data-ready=true]').waitFor();
	const listedBefore = await page
		.locator('[data-review]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-review')).sort());
	expect(listedBefore).toHaveLength(2);

	await page.goto('/data');
	await page.locator('[data-ready=true]').waitFor();
	expect(await axe()).toEqual([]);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export progress' }).click();
	const file = await (await download).path();

	await page.getByRole('button', { name: 'Reset progress' }).click();
	await expect(page.getByRole('dialog')).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.locator('[data-attempts]')).toHaveAttribute('data-attempts', '2');
	await page.getByRole('button', { name: 'Reset progress' }).click();
	await page.getByRole('button', { name: 'Yes, delete everything' }).click();
	await expect(page.locator('[data-attempts]')).toHaveAttribute('data-attempts', '0');

	await page.locator('[data-import]').setInputFiles(file);
	await expect(page.locator('[data-message=ok]')).toHaveText('Imported 2 answers.');
	await expect(page.locator('[data-attempts]')).toHaveAttribute('data-attempts', '2');
	// Importing the same file again adds nothing.
	await page.locator('[data-import]').setInputFiles(file);
	await expect(page.locator('[data-message=ok]')).toHaveText(
		'Imported 0 answers (2 already here).'
	);

	await page.goto('/review');
	await page.locator('[data-ready=true]').waitFor();
	const listedAfter = await page
		.locator('[data-review]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-review')).sort());
	expect(listedAfter).toEqual(listedBefore);
});

test('with no storage at all, training works in memory and says progress is not saved', async ({
	page
}) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', { get: () => undefined });
		Object.defineProperty(window, 'localStorage', {
			get: () => {
				throw new DOMException('denied', 'SecurityError');
			}
		});
	});
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.getByText('Progress is not being saved')).toBeVisible();
	await page.locator('[data-deck=quick]').click();
	await answerByKeyboard(page, true);
	await expect(page.locator('.bar')).toContainText('1 of 1 right');
});

test('when storage is full, training goes on and says progress is not saved', async ({ page }) => {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.evaluate(() => {
		const fail = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		IDBObjectStore.prototype.put = fail;
		IDBObjectStore.prototype.add = fail;
	});
	await page.locator('[data-deck=quick]').click();
	await expect(page.getByText('Progress is not being saved')).toBeVisible();
	await answerByKeyboard(page, true);
	await page.keyboard.press('Enter');
	await answerByKeyboard(page, true);
	await expect(page.locator('.bar')).toContainText('2 of 2 right');
});
