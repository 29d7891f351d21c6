/**
 * Driving a drill from a test the way a keyboard user does: number keys to answer, Enter to go on.
 * Answers are chosen from the shipped bank, so a test can answer right or wrong on purpose and check
 * the score the app computes.
 */
import { type BrowserContext, type Page } from '@playwright/test';
import { expect, SOON } from './fixtures';
import { generateQuestions, type Question } from '../../src/lib/scenarios/generate';
import type { Scenario } from '../../src/lib/scenarios/schema';
import { shippedBank } from './bank';

const questions = new Map<string, Question>(generateQuestions(shippedBank()).map((q) => [q.id, q]));

/** The current screen of the trainer, from its data attribute. */
export async function screen(page: Page): Promise<string | null> {
	// One look at the page instead of one call per element (this runs at every step of every drill).
	const now = await page.evaluate(() => {
		if (document.querySelector('.results')) return 'results';
		if (document.querySelector('[data-notice=resume]')) return 'resume';
		return document.querySelector('[data-screen]')?.getAttribute('data-screen') ?? null;
	});
	if (now !== null) return now;
	return page.locator('[data-screen]').getAttribute('data-screen', { timeout: 5000 });
}

/** The question on screen, from the bank. */
export async function currentQuestion(page: Page): Promise<Question> {
	const id = await page.locator('[data-question]').getAttribute('data-question');
	const q = questions.get(id ?? '');
	if (!q) throw new Error(`unknown question on screen: ${id}`);
	return q;
}

/**
 * The choices (authored indices) of the question on screen, in the order they are drawn: options are
 * shuffled per drill, so the n-th one drawn is the one number key n picks.
 */
export async function shownChoices(page: Page): Promise<number[]> {
	const attrs = await page
		.locator('[data-choice]')
		.evaluateAll((els) => els.map((el) => el.getAttribute('data-choice')));
	return attrs.map(Number);
}

/**
 * The number keys that answer `q` rightly, or wrongly. A decide question's option is found by content
 * (safe or not) and keyed by where it is shown (`shown`, from `shownChoices`); verdicts and steps have
 * fixed numbers.
 */
export function keysFor(q: Question, right: boolean, shown?: readonly number[]): string[] {
	const key = (i: number) => {
		if (i < 0 || i > 8) throw new Error(`choice ${i + 1} has no number key`);
		return String(i + 1);
	};
	switch (q.kind) {
		case 'decide': {
			if (!shown) throw new Error('a decide question is keyed by its shown order');
			return [key(shown.indexOf(q.options.findIndex((o) => o.safe === right)))];
		}
		case 'verdict':
			return [key((q.answer === 'scam') === right ? 0 : 1)];
		case 'stop':
			return [key(right ? q.answer : (q.choices.find((c) => c !== q.answer) ?? 0))];
		case 'flags':
			return right ? q.answer.map(key) : [key(q.choices.find((c) => !q.answer.includes(c)) ?? 0)];
	}
}

/** Reveals the script, answers the current question by keyboard, and stops on the feedback. */
export async function answerByKeyboard(
	page: Page,
	right: boolean,
	unsure = false
): Promise<Question> {
	// After Enter on a feedback the next question comes once its scenario is at hand (usually fetched while
	// the learner read, but maybe still on its way): start from the screen after the feedback.
	await expect(page.locator('[data-screen=feedback]')).toHaveCount(0);
	while ((await screen(page)) === 'presenting') {
		await page.keyboard.press('Enter');
	}
	await page.locator('[data-screen=asking]').waitFor();
	// The red flags' names are drawn with the script, hidden until the answer: shown, they would give it away.
	await expect(page.locator('.chips').filter({ visible: true })).toHaveCount(0);
	const q = await currentQuestion(page);
	for (const k of keysFor(q, right, await shownChoices(page))) await page.keyboard.press(k);
	await page.keyboard.press(unsure ? 'Shift+Enter' : 'Enter');
	await page.locator('[data-screen=feedback]').waitFor();
	return q;
}

/**
 * Enter on a feedback, then waits for the feedback to go: the next question comes once its scenario is at
 * hand, which may still be on its way.
 */
export async function goOn(page: Page): Promise<void> {
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-screen=feedback]')).toHaveCount(0);
}

/** Waits until the trainer has written its latest state to storage. */
export async function saved(page: Page): Promise<void> {
	await page.locator('[data-storage=saved]').waitFor();
}

/**
 * Counts the records in one of the app's IndexedDB stores, read with the raw IndexedDB API: none when
 * its database was never made (the app makes it as it first writes), which is left so.
 */
export async function countRecords(page: Page, store: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				let missing = false;
				const open = indexedDB.open(`fraud-drill-${name}`);
				open.onupgradeneeded = () => {
					missing = true;
					open.transaction?.abort();
				};
				open.onerror = () => (missing ? resolve(0) : reject(open.error));
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction('records').objectStore('records').count();
					req.onsuccess = () => {
						resolve(req.result);
						db.close();
					};
					req.onerror = () => reject(req.error);
				};
			}),
		store
	);
}

/**
 * The settings record as stored in IndexedDB, read with the raw IndexedDB API: null when none is stored yet.
 * A database not made yet is left so (the app makes it as it first writes).
 */
export async function storedSettings(page: Page): Promise<unknown> {
	return page.evaluate(
		() =>
			new Promise<unknown>((resolve, reject) => {
				let missing = false;
				const open = indexedDB.open('fraud-drill-settings');
				open.onupgradeneeded = () => {
					missing = true;
					open.transaction?.abort();
				};
				open.onerror = () => (missing ? resolve(null) : reject(open.error));
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('records')) {
						db.close();
						resolve(null);
						return;
					}
					const req = db.transaction('records').objectStore('records').get('settings');
					req.onsuccess = () => {
						resolve(req.result ?? null);
						db.close();
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

/**
 * Writes a raw value into one of the app's IndexedDB stores (to plant old or damaged records), making its
 * database as the app's storage library does when a page has not written to it yet.
 */
export async function putRecord(
	page: Page,
	store: string,
	key: string,
	value: unknown
): Promise<void> {
	await page.evaluate(
		([name, k, v]) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open(`fraud-drill-${name}`);
				open.onupgradeneeded = () => open.result.createObjectStore('records');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction('records', 'readwrite');
					tx.objectStore('records').put(v, k as string);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		[store, key, value] as const
	);
}

/**
 * One visit with the network on (the service worker installs and takes control), then the network off:
 * everything after this runs as it would on a phone with no connection.
 */
export async function goOfflineAfterFirstVisit(page: Page, context: BrowserContext): Promise<void> {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	// The first load happened before the worker took control; reload so it serves this page.
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), SOON)
		.toBe(true);
	await context.setOffline(true);
}

/** A scenario as the planted records need it. */
type PlantedScenario = Pick<Scenario, 'id' | 'lure' | 'verdict'>;

/**
 * One answer to a scenario's verdict question as a drill or a check saves it (the attempt record of the
 * current version): `said` is the option index (0 scam, 1 legitimate).
 */
export function verdictAttempt(a: {
	id: string;
	runId: string;
	scenario: PlantedScenario;
	said: 0 | 1;
	at: number;
	mode?: 'drill' | 'check';
	form?: string | null;
	elapsedMs?: number;
}): Record<string, unknown> {
	const s = a.scenario;
	const check = a.mode === 'check';
	return {
		v: 3,
		id: a.id,
		runId: a.runId,
		questionId: `${s.id}/verdict`,
		scenarioId: s.id,
		kind: 'verdict',
		selection: [a.said],
		correct: (a.said === 0) === (s.verdict === 'scam'),
		confidence: 'sure',
		mode: check ? 'check' : 'drill',
		deck: check ? 'check' : 'quick',
		at: a.at,
		elapsedMs: a.elapsedMs ?? 4000,
		lure: s.lure,
		verdict: s.verdict,
		form: a.form ?? null
	};
}

/**
 * A drill of the given questions as the app saves it (the machine's persisted snapshot), at its first
 * question with `revealed` messages of its script shown.
 */
export function savedDrill(
	ids: readonly string[],
	o: { seed: number; revealed: number; at: number; runId: string; asking: boolean }
): Record<string, unknown> {
	return {
		v: 1,
		savedAt: o.at,
		snapshot: {
			status: 'active',
			value: { playing: o.asking ? 'asking' : 'presenting' },
			historyValue: {},
			context: {
				runId: o.runId,
				mode: 'drill',
				deck: { kind: 'ids', ids: [...ids] },
				seed: o.seed,
				questionIds: [...ids],
				index: 0,
				revealed: o.revealed,
				selection: [],
				answers: [],
				startedAt: o.at,
				finishedAt: null,
				shownAt: o.at,
				carriedMs: 0
			},
			children: {}
		}
	};
}

/**
 * Plants answered questions in the history, as a drill saves them (the attempt record of the current
 * version), for tests that need a history rather than to play one: one verdict answer per scenario, right
 * or wrong as `answers` says, a second apart from `at`. Opens /data first, which makes the app's stores.
 */
export async function plantHistory(
	page: Page,
	answers: readonly boolean[],
	at = Date.now() - 3600_000
): Promise<void> {
	await page.goto('/data');
	await page.locator('[data-ready=true]').waitFor();
	const scenarios = shippedBank().scenarios;
	for (const [i, right] of answers.entries()) {
		const s = scenarios[(i * 7) % scenarios.length]!;
		const said = (s.verdict === 'scam') === right ? 0 : 1;
		const id = `planted:${i}`;
		if (!questions.has(`${s.id}/verdict`)) throw new Error(`${s.id} has no verdict question`);
		await putRecord(
			page,
			'attempts',
			id,
			verdictAttempt({ id, runId: 'planted', scenario: s, said, at: at + i * 1000 })
		);
	}
}

/**
 * Plants a saved drill of the given questions (the machine's persisted snapshot, as the app saves it)
 * at its first question, showing `revealed` messages of its script (all it shows with the question by
 * default), and continues it from the train page's offer: for tests of one kind of question, which a new
 * drill would reach only by chance.
 */
export async function continuePlantedDrill(
	page: Page,
	ids: readonly string[],
	opts: { seed?: number; revealed?: number } = {}
): Promise<void> {
	const first = questions.get(ids[0] ?? '');
	if (!first) throw new Error(`unknown question ${ids[0]}`);
	const revealed = opts.revealed ?? first.visibleSteps;
	const at = Date.now();
	if (new URL(page.url(), 'http://x').pathname !== '/train') {
		await page.goto('/train');
		await page.locator('[data-ready=true]').waitFor();
	}
	await putRecord(
		page,
		'quiz',
		'current',
		savedDrill(ids, {
			seed: opts.seed ?? 1,
			revealed,
			at,
			runId: `planted-${at}`,
			asking: revealed >= first.visibleSteps
		})
	);
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-notice=resume] button.button:not(.secondary)').click();
	await page.locator('[data-screen]').waitFor();
}

/** The shipped bank's questions, for tests that pick one by kind. */
export function bankQuestions(): Question[] {
	return [...questions.values()];
}
