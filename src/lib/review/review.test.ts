import { describe, expect, it } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import type { Attempt } from '$lib/progress/attempts';
import { catalogOf, shippedCatalog } from '$lib/quiz/test-catalog';
import { buildCards, flagGrades, gradeOf, isDue, isLearned, needsReview } from './cards';
import {
	DUE_LIMIT,
	dueDeck,
	dueDeckOf,
	dueSplit,
	endOfDay,
	entryCount,
	firstEntries,
	flagsOf,
	lastAttempts,
	lastRetry,
	listOf,
	pickForFlag,
	prepareCatalog,
	reviewList
} from './review';

const catalog = shippedCatalog();
const decisive = new Set(catalog.bank.redFlags.filter((f) => f.decisive).map((f) => f.id));
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2026, 0, 1, 9);

let n = 0;
function attempt(
	questionId: string,
	correct: boolean,
	at: number,
	confidence: 'sure' | 'unsure' = 'sure',
	selection: number[] = [0],
	run: { runId: string; mode: Attempt['mode'] } = { runId: 'run', mode: 'drill' }
): Attempt {
	const q = catalog.question.get(questionId);
	const s = q && catalog.scenario.get(q.scenarioId);
	if (!q || !s) throw new Error(questionId);
	return {
		v: 3,
		id: `run${n}:${n++}`,
		runId: run.runId,
		questionId,
		scenarioId: q.scenarioId,
		kind: q.kind,
		selection,
		correct,
		confidence,
		mode: run.mode,
		deck: 'quick',
		at,
		elapsedMs: 1000,
		lure: s.lure,
		verdict: s.verdict,
		form: null
	};
}

const scam = catalog.bank.scenarios.find((s) => s.id === 'securities-call-wechat-group')!;
const verdictId = `${scam.id}/verdict`;

describe('grading', () => {
	it('grades wrong as Again, right but unsure as Hard, right and sure as Good', () => {
		expect(gradeOf({ correct: false, confidence: 'sure' })).toBe(Rating.Again);
		expect(gradeOf({ correct: true, confidence: 'unsure' })).toBe(Rating.Hard);
		expect(gradeOf({ correct: true, confidence: 'sure' })).toBe(Rating.Good);
	});

	it('grades each flag of a spot-the-flags answer by whether its step was found', () => {
		const q = catalog.question.get(`${scam.id}/flags`)!;
		if (q.kind !== 'flags') throw new Error('kind');
		const [first, ...rest] = q.answer;
		const grades = flagGrades(
			q,
			scam,
			{ correct: false, confidence: 'sure', selection: [first!] },
			decisive
		);
		for (const f of scam.steps[first!]!.flags) expect(grades.get(f)).toBe(Rating.Good);
		const onlyMissed = rest
			.flatMap((i) => scam.steps[i]!.flags)
			.filter((f) => !scam.steps[first!]!.flags.includes(f));
		for (const f of onlyMissed) expect(grades.get(f)).toBe(Rating.Again);
	});

	it('grades only the decisive flags of the stopping step for "where to stop"', () => {
		const q = catalog.question.get(`${scam.id}/stop`)!;
		if (q.kind !== 'stop') throw new Error('kind');
		const grades = flagGrades(
			q,
			scam,
			{ correct: true, confidence: 'unsure', selection: [q.answer] },
			decisive
		);
		expect([...grades.keys()].every((f) => decisive.has(f))).toBe(true);
		expect([...grades.values()]).toEqual(expect.arrayContaining([Rating.Hard]));
	});

	it('grades no flag for a verdict on a genuine twin', () => {
		const twin = catalog.bank.scenarios.find((s) => s.verdict === 'legitimate')!;
		const q = catalog.question.get(`${twin.id}/verdict`)!;
		expect(
			flagGrades(q, twin, { correct: true, confidence: 'sure', selection: [1] }, decisive).size
		).toBe(0);
	});
});

describe('scheduling', () => {
	it('lists a missed question until a sure right answer makes it learned', () => {
		const history = [attempt(verdictId, false, T0)];
		let card = buildCards(catalog, history).get(`q:${verdictId}`)!;
		expect(needsReview(card)).toBe(true);

		history.push(attempt(verdictId, true, T0 + DAY));
		card = buildCards(catalog, history).get(`q:${verdictId}`)!;
		expect(card.card.state).toBe(State.Review);
		expect(isLearned(card)).toBe(true);
		expect(needsReview(card)).toBe(false);
	});

	it('never makes a question answered today due again the same day, right or wrong', () => {
		for (const correct of [true, false]) {
			const card = buildCards(catalog, [attempt(verdictId, correct, T0)]).get(`q:${verdictId}`)!;
			expect(isDue(card, endOfDay(T0))).toBe(false);
			// A miss comes back the next day; a sure right answer later still.
			expect(isDue(card, endOfDay(T0 + DAY))).toBe(!correct);
		}
	});

	it('lists a right answer given as "not sure", and drops it after a sure right answer', () => {
		const history = [attempt(verdictId, true, T0, 'unsure')];
		expect(needsReview(buildCards(catalog, history).get(`q:${verdictId}`)!)).toBe(true);
		history.push(attempt(verdictId, true, T0 + 20 * MIN), attempt(verdictId, true, T0 + DAY));
		expect(needsReview(buildCards(catalog, history).get(`q:${verdictId}`)!)).toBe(false);
	});

	it('schedules red-flag cards in days, sooner after a miss', () => {
		const cards = buildCards(catalog, [
			attempt(verdictId, false, T0),
			attempt(`${scam.id}/decide/on-the-call`, true, T0, 'sure', [0])
		]);
		const flag = cards.get('f:stock-tips-offer')!;
		expect(flag.kind).toBe('flag');
		expect(flag.card.due.getTime() - T0).toBeGreaterThanOrEqual(DAY - MIN);
		expect(flag.misses).toBe(1);
	});

	it('replays the same history into the same cards', () => {
		const history = [attempt(verdictId, false, T0), attempt(verdictId, true, T0 + MIN)];
		expect(buildCards(catalog, history)).toEqual(buildCards(catalog, history));
	});
});

describe('review list and today’s deck', () => {
	it('lists missed questions, filtered by lure type', () => {
		const twin = catalog.bank.scenarios.find(
			(s) => s.verdict === 'legitimate' && s.lure !== scam.lure
		)!;
		const history = [attempt(verdictId, false, T0), attempt(`${twin.id}/verdict`, false, T0 + 1)];
		const cards = buildCards(catalog, history);
		expect(reviewList(catalog, cards, history, T0 + DAY).map((i) => i.question.id)).toEqual([
			`${twin.id}/verdict`,
			verdictId
		]);
		expect(
			reviewList(catalog, cards, history, T0 + DAY, scam.lure).map((i) => i.question.id)
		).toEqual([verdictId]);
	});

	it('asks a due red flag through a different scenario that shows the same flag', () => {
		const history = [attempt(verdictId, false, T0)];
		const cards = buildCards(catalog, history);
		const flag = cards.get('f:stock-tips-offer')!;
		expect(flag.lastScenarios).toEqual([scam.id]);
		const picked = pickForFlag(catalog, flag, new Map(), 1);
		const q = catalog.question.get(picked ?? '')!;
		expect(q.scenarioId).not.toBe(scam.id);
		expect(flagsOf(catalog, q)).toContain('stock-tips-offer');
	});

	it('prefers the least recently answered of the other scenarios', () => {
		const flag = buildCards(catalog, [attempt(verdictId, false, T0)]).get('f:stock-tips-offer')!;
		const others = catalog.questions.filter(
			(q) => q.scenarioId !== scam.id && flagsOf(catalog, q).includes('stock-tips-offer')
		);
		expect(others.length).toBeGreaterThan(1);
		const answered = new Map(others.slice(1).map((q, i) => [q.id, T0 + i + 1]));
		expect(pickForFlag(catalog, flag, answered, 7)).toBe(others[0]!.id);
	});

	it('falls back to the same scenario when no other shows the flag', () => {
		const alone = catalogOf([scam.id]);
		const flag = buildCards(alone, [attempt(verdictId, false, T0)]).get('f:stock-tips-offer')!;
		const picked = alone.question.get(pickForFlag(alone, flag, new Map(), 1) ?? '');
		expect(picked?.scenarioId).toBe(scam.id);
		expect(flagsOf(alone, picked!)).toContain('stock-tips-offer');
	});

	it('builds today’s deck from due listed questions and due flags, without repeats', () => {
		const history = [attempt(verdictId, false, T0)];
		const cards = buildCards(catalog, history);
		const deck = dueDeck(catalog, cards, history, T0 + 2 * DAY, 3);
		expect(deck[0]).toBe(verdictId);
		expect(new Set(deck).size).toBe(deck.length);
		expect(deck.length).toBeGreaterThan(1);
		expect(dueDeck(catalog, cards, history, T0 - 1, 3)).toEqual([]);
	});

	it('moves after a retry: fixed questions leave the list and nothing answered today is due today', () => {
		const verdicts = catalog.questions.filter((q) => q.kind === 'verdict').slice(0, 7);
		const history = verdicts.map((q, i) => attempt(q.id, false, T0 + i));
		const retryAt = T0 + 2 * DAY;
		const review = { runId: 'retry', mode: 'review' as const };
		verdicts.forEach((q, i) =>
			history.push(attempt(q.id, i < 5, retryAt + i, 'sure', [0], review))
		);
		const cards = buildCards(catalog, history);
		const list = reviewList(catalog, cards, history, endOfDay(retryAt));
		expect(list.map((i) => i.question.id).sort()).toEqual(
			verdicts
				.slice(5)
				.map((q) => q.id)
				.sort()
		);
		expect(lastRetry(history, list)).toEqual({ at: retryAt + 6, asked: 7, fixed: 5, left: 2 });
		// One definition of due: the headline, the home page and the deck all count this same deck.
		const due = dueDeck(catalog, cards, history, endOfDay(retryAt), 1);
		expect(due).toEqual([]);
		expect(dueSplit(due, list)).toEqual({ total: 0, fromList: 0, forFlags: 0 });
		// The two left come back the next day, from the list.
		const tomorrow = dueDeck(catalog, cards, history, endOfDay(retryAt + DAY), 1);
		expect(dueSplit(tomorrow, list).fromList).toBe(2);
	});

	it('works the list and the deck out from each question’s latest answer, once per history', () => {
		const verdicts = catalog.questions.filter((q) => q.kind === 'verdict').slice(0, 3);
		const history = verdicts.map((q, i) => attempt(q.id, false, T0 + i));
		// The first question answered again later, right but not sure (so still listed): its latest answer
		// is that one.
		history.push(attempt(verdicts[0]!.id, true, T0 + DAY, 'unsure'));
		const last = lastAttempts(history);
		expect(last.size).toBe(3);
		expect(last.get(verdicts[0]!.id)).toBe(history[3]);
		const cards = buildCards(catalog, history);
		const now = T0 + 3 * DAY;
		const list = listOf(catalog, cards, last, now);
		expect(list).toEqual(reviewList(catalog, cards, history, now));
		expect(list.find((i) => i.question.id === verdicts[0]!.id)?.last).toBe(history[3]);
		expect(dueDeckOf(catalog, cards, list, last, now, 5)).toEqual(
			dueDeck(catalog, cards, history, now, 5)
		);
	});

	it('fills today’s deck up to its limit: due listed questions first, then due flags', () => {
		const verdicts = catalog.questions.filter((q) => q.kind === 'verdict').slice(0, 12);
		const history = verdicts.map((q, i) => attempt(q.id, false, T0 + i));
		const cards = buildCards(catalog, history);
		const now = T0 + 30 * DAY;
		const deck = dueDeck(catalog, cards, history, now, 2);
		expect(deck).toHaveLength(DUE_LIMIT);
		expect(new Set(deck).size).toBe(DUE_LIMIT);
		expect(deck.slice(0, 12).sort()).toEqual(verdicts.map((q) => q.id).sort());
		const dueFlags = [...cards.values()].filter((c) => c.kind === 'flag' && isDue(c, now));
		expect(dueFlags.length).toBeGreaterThan(DUE_LIMIT - 12);
	});

	it('gives the same flags and deck when the bank’s lookups were worked out ahead', () => {
		const ids = catalog.bank.scenarios.slice(0, 8).map((s) => s.id);
		const plain = catalogOf(ids);
		const prepared = catalogOf(ids);
		prepareCatalog(prepared);
		expect(prepared.questions.map((q) => flagsOf(prepared, q))).toEqual(
			plain.questions.map((q) => flagsOf(plain, q))
		);
		const history = plain.questions
			.filter((q) => q.kind === 'verdict')
			.map((q, i) => attempt(q.id, false, T0 + i));
		const now = T0 + 30 * DAY;
		expect(dueDeck(prepared, buildCards(prepared, history), history, now, 4)).toEqual(
			dueDeck(plain, buildCards(plain, history), history, now, 4)
		);
	});

	it('has no retry outcome before the first review run', () => {
		const history = [attempt(verdictId, false, T0)];
		expect(lastRetry(history, [])).toBeNull();
	});
});

describe('a long list drawn a screenful first', () => {
	const groups = new Map([
		['a', [1, 2, 3]],
		['b', [4, 5]],
		['c', [6]]
	]);
	it('keeps whole groups in order until the limit, and cuts the group it falls in', () => {
		expect(firstEntries(groups, 4)).toEqual([
			['a', [1, 2, 3]],
			['b', [4]]
		]);
		expect(firstEntries(groups, 3)).toEqual([['a', [1, 2, 3]]]);
		expect(firstEntries(groups, 0)).toEqual([]);
	});
	it('gives every entry once the limit reaches the count', () => {
		expect(entryCount(groups)).toBe(6);
		expect(firstEntries(groups, entryCount(groups))).toEqual([...groups]);
		expect(firstEntries(groups, Infinity)).toEqual([...groups]);
	});
});
