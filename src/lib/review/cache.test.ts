/**
 * The review cards cache on a real IndexedDB implementation (fake-indexeddb): for random histories, the
 * cards from the cache plus the newer attempts are exactly those of a full replay, also after an import
 * of older answers, a reset, a damaged cache, other card rules or another bank; and the home page's due
 * summary holds only for the history and the day it was made for.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { appendAttempts, readHistory, type Attempt } from '$lib/progress/attempts';
import { store } from '$lib/progress/db';
import { checkDueSummary, endOfDay, writeDueSummary } from '$lib/progress/due-summary';
import { quarantined } from '$lib/progress/quarantine';
import {
	applyImport,
	checkImport,
	EXPORT_FORMAT,
	EXPORT_VERSION,
	resetProgress
} from '$lib/progress/transfer';
import { makeCatalog } from '$lib/quiz/catalog';
import { seededRandom } from '$lib/quiz/random';
import { shippedBank, shippedCatalog } from '$lib/quiz/test-catalog';
import { CARDS_ALGORITHM, CARDS_KEY, cardsFrom, loadCards, readCache } from './cache';
import { buildCards } from './cards';
import { dueDeck, dueSummary } from './review';

const catalog = shippedCatalog();
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 9);

/** A random history of `n` attempts in drills of up to 12 answers, some at the same moment. */
function randomHistory(seed: number, n: number, start = T0, prefix = `s${seed}`): Attempt[] {
	const random = seededRandom(seed);
	const out: Attempt[] = [];
	let at = start;
	let run = 0;
	let index = 0;
	for (let i = 0; i < n; i++) {
		if (random() < 1 / 12) {
			run += 1;
			index = 0;
			at += Math.floor(random() * 3 * DAY);
		}
		// Now and then two answers carry the same time (a burst saved in one step).
		if (random() > 0.1) at += Math.floor(random() * 60_000);
		const q = catalog.questions[Math.floor(random() * catalog.questions.length)]!;
		const s = catalog.scenario.get(q.scenarioId)!;
		const choices =
			'choices' in q ? q.choices : q.kind === 'decide' ? q.options.map((_, j) => j) : [0, 1];
		const selection = choices.filter(() => random() < 0.4).slice(0, 5);
		out.push({
			v: 3,
			id: `${prefix}-${run}:${index++}`,
			runId: `${prefix}-${run}`,
			questionId: q.id,
			scenarioId: q.scenarioId,
			kind: q.kind,
			selection: selection.length > 0 ? selection : [choices[0] ?? 0],
			correct: random() < 0.6,
			confidence: random() < 0.6 ? 'sure' : 'unsure',
			mode: random() < 0.8 ? 'drill' : 'review',
			deck: 'quick',
			at,
			elapsedMs: 1000,
			lure: s.lure,
			verdict: s.verdict,
			form: null
		});
	}
	return out;
}

/** The cards an open of the review page gets, and how. */
async function open(cat = catalog) {
	const { attempts } = await readHistory(cat);
	const loaded = await loadCards(cat, attempts);
	return { ...loaded, attempts };
}

/** The cards of a full replay of what is stored now. */
async function fullReplay(cat = catalog) {
	return buildCards(cat, (await readHistory(cat)).attempts);
}

beforeEach(async () => {
	for (const name of ['quiz', 'attempts', 'settings', 'quarantine', 'review'] as const)
		await (await store(name)).clear();
});

describe('cards cache', () => {
	it('gives the cards of a full replay for random histories appended in random parts', async () => {
		for (const seed of [1, 2, 3, 4]) {
			await resetProgress();
			const history = randomHistory(seed, 400);
			const random = seededRandom(seed * 101);
			let done = 0;
			let first = true;
			while (done < history.length) {
				const part = history.slice(done, done + 1 + Math.floor(random() * 120));
				done += part.length;
				await appendAttempts(part);
				const opened = await open();
				expect(opened.source).toBe(first ? 'rebuilt' : 'extended');
				expect(opened.cards).toEqual(await fullReplay());
				first = false;
			}
			// Opening again with nothing new replays nothing, and still gives the same cards.
			const again = await open();
			expect(again.source).toBe('cache');
			expect(again.cards).toEqual(buildCards(catalog, history));
		}
	}, 60_000);

	it('rebuilds when an import adds answers older than the cache, and matches a full replay', async () => {
		const mine = randomHistory(7, 300, T0 + 10 * DAY, 'mine');
		const theirs = randomHistory(8, 300, T0, 'theirs');
		await appendAttempts(mine);
		expect((await open()).source).toBe('rebuilt');
		const text = JSON.stringify({
			format: EXPORT_FORMAT,
			version: EXPORT_VERSION,
			exportedAt: new Date(T0).toISOString(),
			attempts: theirs
		});
		const check = checkImport(text, text.length, catalog);
		if (!check.ok) throw new Error(JSON.stringify(check.reason));
		expect((await applyImport(check)).added).toBe(300);
		const opened = await open();
		expect(opened.source).toBe('rebuilt');
		expect(opened.cards).toEqual(await fullReplay());
		expect(opened.attempts).toHaveLength(600);
	});

	it('extends after an import of answers all newer than the cache', async () => {
		const history = randomHistory(9, 400);
		await appendAttempts(history.slice(0, 250));
		await open();
		const text = JSON.stringify({
			format: EXPORT_FORMAT,
			version: EXPORT_VERSION,
			exportedAt: new Date(T0).toISOString(),
			attempts: history.slice(250)
		});
		const check = checkImport(text, text.length, catalog);
		if (!check.ok) throw new Error('refused');
		await applyImport(check);
		const opened = await open();
		expect(opened.source).toBe('extended');
		expect(opened.cards).toEqual(buildCards(catalog, history));
	});

	it('starts again from nothing after a reset', async () => {
		await appendAttempts(randomHistory(10, 200));
		await open();
		await resetProgress();
		expect(await (await store('review')).getItem(CARDS_KEY)).toBeNull();
		const empty = await open();
		expect(empty.cards.size).toBe(0);
		const fresh = randomHistory(11, 150);
		await appendAttempts(fresh);
		// The empty history's cache is continued: folding onto nothing is a full replay.
		const opened = await open();
		expect(opened.source).toBe('extended');
		expect(opened.cards).toEqual(buildCards(catalog, fresh));
	});

	it('rebuilds when the history before the watermark lost a record, even at the same count', async () => {
		const history = randomHistory(12, 200);
		await appendAttempts(history);
		await open();
		// One old answer disappears and one new one arrives: same number of attempts, another history.
		await (await store('attempts')).removeItem(history[50]!.id);
		const later = randomHistory(13, 1, history.at(-1)!.at + DAY, 'later');
		await appendAttempts(later);
		const opened = await open();
		expect(opened.attempts).toHaveLength(200);
		expect(opened.source).toBe('rebuilt');
		expect(opened.cards).toEqual(await fullReplay());
	});

	it('sets a damaged cache aside with its reason and rebuilds it', async () => {
		const history = randomHistory(14, 200);
		await appendAttempts(history);
		await open();
		const db = await store('review');
		const cache = (await db.getItem(CARDS_KEY)) as { cards: { card: { due: unknown } }[] };
		cache.cards[0]!.card.due = 'tomorrow';
		await db.setItem(CARDS_KEY, cache);
		const opened = await open();
		expect(opened.source).toBe('rebuilt');
		expect(opened.cards).toEqual(buildCards(catalog, history));
		const aside = await quarantined();
		expect(aside).toHaveLength(1);
		expect(aside[0]).toMatchObject({ from: 'review', key: CARDS_KEY });
		expect(aside[0]!.reason).toMatch(/^cards-damaged:cards\.0\.card\.due$/);
		// The rebuilt cache is whole again.
		expect(readCache(await db.getItem(CARDS_KEY)).status).toBe('ok');
		expect((await open()).source).toBe('cache');
	});

	it('keeps a whole stored cache and sets aside one damaged in any field', () => {
		const { next } = cardsFrom(catalog, randomHistory(17, 300), null);
		const good = structuredClone(next);
		expect(good.cards.length).toBeGreaterThan(20);
		const variants: [string, (c: Record<string, unknown>) => void][] = [
			['as made', () => {}],
			['a card never reviewed', (c) => delete card(c).card.last_review],
			['an extra field', (c) => (c.note = 'x')],
			['no cards', (c) => (c.cards = [])],
			['version', (c) => (c.v = 2)],
			['algorithm NaN', (c) => (c.algorithm = NaN)],
			['bank', (c) => (c.bank = 1)],
			['count fraction', (c) => (c.count = 1.5)],
			['count negative', (c) => (c.count = -1)],
			['count missing', (c) => delete c.count],
			['lastId', (c) => (c.lastId = null)],
			['ids', (c) => (c.ids = undefined)],
			['cards not a list', (c) => (c.cards = {})],
			['a card null', (c) => ((c.cards as unknown[])[3] = null)],
			['card id', (c) => (card(c).id = 3)],
			['card kind', (c) => (card(c).kind = 'deck')],
			['card target', (c) => delete card(c).target],
			['due a text', (c) => (card(c).card.due = 'tomorrow')],
			['due invalid', (c) => (card(c).card.due = new Date(NaN))],
			['stability', (c) => (card(c).card.stability = '1')],
			['difficulty NaN', (c) => (card(c).card.difficulty = NaN)],
			['lapses missing', (c) => delete card(c).card.lapses],
			['state', (c) => (card(c).card.state = 4)],
			['last review a number', (c) => (card(c).card.last_review = 5)],
			['fsrs card missing', (c) => delete (card(c) as Record<string, unknown>).card],
			['misses', (c) => (card(c).misses = null)],
			['lastAt', (c) => (card(c).lastAt = '0')],
			['lastCorrect', (c) => (card(c).lastCorrect = 1)],
			['lastSure', (c) => delete card(c).lastSure],
			['lastScenarios', (c) => (card(c).lastScenarios = 'a')],
			['a scenario', (c) => (card(c).lastScenarios = ['a', 2])]
		];
		function card(c: Record<string, unknown>) {
			return (c.cards as { card: Record<string, unknown> }[])[5] as Record<string, unknown> & {
				card: Record<string, unknown>;
			};
		}
		// The first four variants are whole caches; every other one is damaged in one field.
		const whole = 4;
		variants.forEach(([name, change], i) => {
			const value = structuredClone(good) as unknown as Record<string, unknown>;
			change(value);
			expect(readCache(value).status, name).toBe(i < whole ? 'ok' : 'damaged');
		});
		expect(readCache('garbage').status).toBe('damaged');
	});

	it('sets aside a cache that is not a cache at all', async () => {
		await appendAttempts(randomHistory(15, 50));
		await (await store('review')).setItem(CARDS_KEY, 'garbage');
		expect((await open()).source).toBe('rebuilt');
		expect((await quarantined())[0]?.reason).toMatch(/^cards-damaged/);
	});

	it('rebuilds a cache made by other card rules or for another bank', async () => {
		const history = randomHistory(16, 200);
		await appendAttempts(history);
		const { attempts } = await open();
		const stored = readCache(await (await store('review')).getItem(CARDS_KEY));
		if (stored.status !== 'ok') throw new Error('no cache');
		const older = { ...stored.cache, algorithm: CARDS_ALGORITHM - 1 };
		expect(cardsFrom(catalog, attempts, older).source).toBe('rebuilt');
		expect(cardsFrom(catalog, attempts, stored.cache).source).toBe('cache');
		// A bank where one scenario's flags changed: the same history gives other cards.
		const bank = shippedBank();
		const changed = makeCatalog({
			...bank,
			scenarios: bank.scenarios.map((s, i) =>
				i === 0 ? { ...s, steps: s.steps.map((st) => ({ ...st, flags: [] })) } : s
			)
		});
		const other = cardsFrom(changed, attempts, stored.cache);
		expect(other.source).toBe('rebuilt');
		expect(other.cards).toEqual(buildCards(changed, attempts));
	});
});

describe('due summary', () => {
	it('holds for the history and the day it was made for, and says when there is no history', async () => {
		expect(await checkDueSummary(T0)).toEqual({ status: 'empty' });
		const history = randomHistory(17, 300);
		await appendAttempts(history);
		const now = history.at(-1)!.at + DAY;
		expect((await checkDueSummary(now)).status).toBe('stale');
		const { cards, ids, attempts } = await open();
		const day = endOfDay(now);
		const due = dueDeck(catalog, cards, attempts, day, 1).length;
		const summary = dueSummary(cards, ids, day, due);
		await writeDueSummary(summary);
		expect(await checkDueSummary(now)).toEqual({ status: 'current', due });
		// Until the next card falls due, later days keep the count; from then on it is worked out again.
		expect(summary.until).toBeGreaterThan(day);
		if (Number.isFinite(summary.until)) {
			expect((await checkDueSummary(summary.until)).status).toBe('stale');
			const dayBefore = endOfDay(summary.until - DAY);
			if (dayBefore >= day) {
				expect(await checkDueSummary(dayBefore)).toEqual({ status: 'current', due });
				expect(dueDeck(catalog, cards, attempts, dayBefore, 1)).toHaveLength(due);
			}
		}
		// A new answer makes it stale.
		await appendAttempts(randomHistory(18, 1, now, 'new'));
		expect((await checkDueSummary(now)).status).toBe('stale');
	});

	it('treats a damaged summary as stale', async () => {
		await appendAttempts(randomHistory(19, 20));
		await (await store('review')).setItem('due', { v: 1, due: -3 });
		expect((await checkDueSummary(T0)).status).toBe('stale');
	});
});
