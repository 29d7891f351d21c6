/**
 * Storage that survives damage, store by store, on a real IndexedDB implementation (fake-indexeddb): with
 * one real answered question and a saved drill in place, a damaged record planted in any store is set
 * aside by the first read that meets it, the valid answer is kept, the other stores read as before, and a
 * new drill can be saved afterwards. These are the damage cases the browser walk used to load the app for
 * one by one; it now keeps one case per store (tests/e2e/storage.spec.ts), which also checks the notices
 * the pages show.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createQuizMachine } from '$lib/quiz/machine';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { appendAttempts, attemptOf, readHistory, type Attempt } from '$lib/progress/attempts';
import { store, type StoreName } from '$lib/progress/db';
import { quarantined } from '$lib/progress/quarantine';
import { loadSavedQuiz, saveQuiz } from '$lib/progress/saved-quiz';
import { DEFAULT_SETTINGS, readSettings, writeSettings } from '$lib/progress/settings';
import { exportProgress } from '$lib/progress/transfer';

const catalog = shippedCatalog();
const machine = createQuizMachine(catalog);
const STORES: StoreName[] = ['quiz', 'attempts', 'settings', 'quarantine'];

/** A saved drill whose only question belongs to a scenario the bank no longer has. */
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

/** The damage cases: which store, under which key, holding what. */
const cases: { name: string; store: StoreName; key: string; value: unknown }[] = [
	{
		name: 'an attempt with wrong types',
		store: 'attempts',
		key: 'x:0',
		value: { v: 2, id: 'x:0', correct: 'yes' }
	},
	{ name: 'a truncated attempt', store: 'attempts', key: 'x:1', value: { v: 2, id: 'x:1' } },
	{
		name: 'an attempt with no version',
		store: 'attempts',
		key: 'x:2',
		value: { id: 'x:2', questionId: 'q' }
	},
	{
		name: 'an attempt from a future version',
		store: 'attempts',
		key: 'x:3',
		value: { v: 99, id: 'x:3' }
	},
	{
		name: 'garbage text in the history',
		store: 'attempts',
		key: 'x:4',
		value: '\u0000\u0001garbage'
	},
	{
		name: 'an attempt under the wrong key',
		store: 'attempts',
		key: 'x:5',
		value: { v: 2, id: 'other' }
	},
	{
		name: 'a saved drill for a removed scenario',
		store: 'quiz',
		key: 'current',
		value: removedScenarioQuiz
	},
	{
		name: 'a saved drill from a future version',
		store: 'quiz',
		key: 'current',
		value: { ...removedScenarioQuiz, v: 7 }
	},
	{ name: 'garbage in the saved drill', store: 'quiz', key: 'current', value: 42 },
	{ name: 'settings of the wrong type', store: 'settings', key: 'settings', value: ['message'] },
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
 * What the seeded browser walk leaves behind: a quick drill started, its first question answered (one
 * attempt in the history), the drill saved mid-way, and settings written.
 */
async function seed(): Promise<Attempt> {
	const actor = createActor(machine).start();
	actor.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 11, at: 1 });
	actor.send({ type: 'user.showAll', at: 2 });
	actor.send({ type: 'user.select', index: 0 });
	actor.send({ type: 'user.submit', confidence: 'sure', at: 3 });
	const { context } = actor.getSnapshot();
	const attempt = attemptOf(catalog, context, context.answers[0]!, 0);
	await appendAttempts([attempt]);
	await saveQuiz(actor.getPersistedSnapshot(), 4);
	await writeSettings(DEFAULT_SETTINGS);
	return attempt;
}

beforeEach(async () => {
	for (const name of STORES) await (await store(name)).clear();
});

describe('storage damage', () => {
	for (const c of cases)
		it(`${c.name} is set aside and every store still reads`, async () => {
			const attempt = await seed();
			await (await store(c.store)).setItem(c.key, c.value);

			// What the pages read on opening (/train, /review, /data), in their order; none of it throws.
			const settings = await readSettings();
			const quiz = await loadSavedQuiz(catalog);
			const history = await readHistory(catalog);
			const aside = await quarantined();
			const exported = await exportProgress(catalog);

			// Each reader reports exactly its own store's damage.
			expect(settings.setAside).toBe(c.store === 'settings');
			expect(settings.settings).toEqual(DEFAULT_SETTINGS);
			expect(quiz.status).toBe(c.store === 'quiz' ? 'set-aside' : 'ok');
			expect(history.setAside).toBe(c.store === 'attempts' ? 1 : 0);

			// The valid answer is kept; the bad record is in the set-aside store, not in its own.
			expect(history.attempts).toEqual([attempt]);
			expect(exported.attempts).toEqual([attempt]);
			expect(aside).toHaveLength(1);
			expect(aside[0]).toMatchObject({ from: c.store, key: c.key, value: c.value });
			expect(exported.quarantine).toEqual(aside);
			expect(await (await store('attempts')).length()).toBe(1);
			if (c.store !== 'quarantine') expect(await (await store(c.store)).getItem(c.key)).toBeNull();

			// Reading again finds nothing more to set aside, and a new drill saves over the old one.
			expect((await readHistory(catalog)).setAside).toBe(0);
			expect((await readSettings()).setAside).toBe(false);
			const next = createActor(machine).start();
			next.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 12, at: 5 });
			await saveQuiz(next.getPersistedSnapshot(), 6);
			expect((await loadSavedQuiz(catalog)).status).toBe('ok');
			expect(await quarantined()).toHaveLength(1);
		});
});
