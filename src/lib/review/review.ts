/**
 * The review screen's logic: which questions are listed (and how they group), what is due today, and
 * which question to ask for a due red flag — preferably from a different scenario than last time, so that
 * the learner learns the flag, not one script.
 */
import type { Attempt } from '$lib/progress/attempts';
import type { DueSummary } from '$lib/progress/due-summary';
import type { Catalog } from '$lib/quiz/catalog';
import { seededRandom, shuffled } from '$lib/quiz/random';
import type { Question } from '$lib/scenarios/generate';
import type { DrillScenario } from '$lib/scenarios/schema';
import { flagGrades, isDue, needsReview, type ReviewCard } from './cards';

/** One listed question with the learner's last answer to it. */
export interface ReviewItem {
	question: Question;
	scenario: DrillScenario;
	card: ReviewCard;
	last: Attempt;
	/** Red flags the question is about (what its answers practise). */
	flags: string[];
	due: boolean;
}

const flagsMemo = new WeakMap<
	Catalog,
	{ decisive: ReadonlySet<string>; flags: Map<string, string[]> }
>();

/** The flags a question practises, whatever the answer (worked out once per catalog and question). */
export function flagsOf(catalog: Catalog, q: Question): string[] {
	let memo = flagsMemo.get(catalog);
	if (!memo) {
		const decisive = new Set(catalog.bank.redFlags.filter((f) => f.decisive).map((f) => f.id));
		memo = { decisive, flags: new Map() };
		flagsMemo.set(catalog, memo);
	}
	let flags = memo.flags.get(q.id);
	if (!flags) {
		const s = catalog.scenario.get(q.scenarioId);
		if (!s) return [];
		const all = q.kind === 'flags' ? q.answer : q.kind === 'stop' ? [q.answer] : [];
		// A right, sure answer touches every flag the question can grade.
		const probe = { correct: true, confidence: 'sure' as const, selection: [...all] };
		flags = [...flagGrades(q, s, probe, memo.decisive).keys()];
		memo.flags.set(q.id, flags);
	}
	return flags;
}

const byFlagMemo = new WeakMap<Catalog, Map<string, Question[]>>();

/** The questions that practise a red flag, in the catalog's order (worked out once per catalog and flag). */
function questionsFor(catalog: Catalog, flag: string): Question[] {
	let memo = byFlagMemo.get(catalog);
	if (!memo) {
		memo = new Map();
		byFlagMemo.set(catalog, memo);
	}
	let questions = memo.get(flag);
	if (!questions) {
		questions = catalog.questions.filter((q) => flagsOf(catalog, q).includes(flag));
		memo.set(flag, questions);
	}
	return questions;
}

/**
 * Works out ahead what the list and the due deck look up for every question (the flags each practises),
 * so that a page can do it while its history is still being read rather than after.
 */
export function prepareCatalog(catalog: Catalog): void {
	for (const q of catalog.questions) flagsOf(catalog, q);
}

/**
 * The review list: every question ever missed or last answered "not sure" that the scheduler does not
 * yet consider learned, most recently answered first, optionally for one lure type.
 */
export function reviewList(
	catalog: Catalog,
	cards: ReadonlyMap<string, ReviewCard>,
	history: readonly Attempt[],
	now: number,
	lure?: string
): ReviewItem[] {
	return listOf(catalog, cards, lastAttempts(history), now, lure);
}

/** Each answered question's latest attempt (the last in history order), by question id. */
export function lastAttempts(history: readonly Attempt[]): Map<string, Attempt> {
	const last = new Map<string, Attempt>();
	for (const a of history) last.set(a.questionId, a);
	return last;
}

/**
 * The review list (see reviewList) from each question's latest attempt, worked out once per history
 * (lastAttempts): the review page derives the list, the due deck and the retry outcome from one pass
 * over a history of thousands of answers instead of one pass each.
 */
export function listOf(
	catalog: Catalog,
	cards: ReadonlyMap<string, ReviewCard>,
	last: ReadonlyMap<string, Attempt>,
	now: number,
	lure?: string
): ReviewItem[] {
	const items: ReviewItem[] = [];
	for (const card of cards.values()) {
		if (!needsReview(card)) continue;
		const question = catalog.question.get(card.target);
		const scenario = question && catalog.scenario.get(question.scenarioId);
		const attempt = last.get(card.target);
		if (!question || !scenario || !attempt) continue;
		if (lure && scenario.lure !== lure) continue;
		items.push({
			question,
			scenario,
			card,
			last: attempt,
			flags: flagsOf(catalog, question),
			due: isDue(card, now)
		});
	}
	return items.sort((a, b) => b.last.at - a.last.at);
}

/** Groups items by a key, keeping the list's order inside each group. */
export function groupBy<K>(
	items: readonly ReviewItem[],
	keys: (i: ReviewItem) => K[]
): Map<K, ReviewItem[]> {
	const groups = new Map<K, ReviewItem[]>();
	for (const item of items)
		for (const key of keys(item)) {
			const list = groups.get(key) ?? [];
			list.push(item);
			groups.set(key, list);
		}
	return groups;
}

/**
 * The first `limit` entries of grouped lists, group by group in order (a group cut short keeps its first
 * entries; groups after the limit are left out). A long review list is drawn this way a screenful first
 * and the rest in steps, so that the page shows before every entry is built.
 */
export function firstEntries<K, T>(
	groups: ReadonlyMap<K, readonly T[]>,
	limit: number
): [K, T[]][] {
	const out: [K, T[]][] = [];
	let left = limit;
	for (const [key, items] of groups) {
		if (left <= 0) break;
		out.push([key, items.length <= left ? [...items] : items.slice(0, left)]);
		left -= items.length;
	}
	return out;
}

/** How many entries the grouped lists hold in all. */
export function entryCount<K, T>(groups: ReadonlyMap<K, readonly T[]>): number {
	let n = 0;
	for (const items of groups.values()) n += items.length;
	return n;
}

/**
 * The question to ask for a due red flag: one that practises the flag, from a scenario other than the ones
 * it was last practised in when there is one; among those, the least recently answered (never answered
 * first); ties broken by the seed.
 */
export function pickForFlag(
	catalog: Catalog,
	flag: ReviewCard,
	lastAnswered: ReadonlyMap<string, number>,
	seed: number,
	exclude: ReadonlySet<string> = new Set()
): string | null {
	const candidates = questionsFor(catalog, flag.target).filter((q) => !exclude.has(q.id));
	const elsewhere = candidates.filter((q) => !flag.lastScenarios.includes(q.scenarioId));
	const pool = shuffled(elsewhere.length > 0 ? elsewhere : candidates, seededRandom(seed));
	pool.sort((a, b) => (lastAnswered.get(a.id) ?? 0) - (lastAnswered.get(b.id) ?? 0));
	return pool[0]?.id ?? null;
}

export { endOfDay } from '$lib/progress/due-summary';

/**
 * The home page's summary of a day's review deck (see due-summary.ts): its size, the history it was made
 * from, and when the next card not due by the day's end falls due, which is when it stops holding.
 */
export function dueSummary(
	cards: ReadonlyMap<string, ReviewCard>,
	ids: string,
	dayEnd: number,
	due: number
): DueSummary {
	let until = Infinity;
	for (const c of cards.values()) {
		const t = c.card.due.getTime();
		if (t > dayEnd && t < until) until = t;
	}
	return { v: 1, ids, asOf: dayEnd, until, due };
}

/** Largest review-today deck; more than this is left for tomorrow. */
export const DUE_LIMIT = 20;

/**
 * Today's review deck: due listed questions first, then a question for each due red flag (from another
 * scenario), without repeats, at most DUE_LIMIT.
 */
export function dueDeck(
	catalog: Catalog,
	cards: ReadonlyMap<string, ReviewCard>,
	history: readonly Attempt[],
	now: number,
	seed: number
): string[] {
	const last = lastAttempts(history);
	return dueDeckOf(catalog, cards, listOf(catalog, cards, last, now), last, now, seed);
}

/**
 * Today's review deck (see dueDeck) from the unfiltered review list of the same cards at the same `now`
 * and each question's latest attempt, so that a page that shows the list does not work it out twice.
 */
export function dueDeckOf(
	catalog: Catalog,
	cards: ReadonlyMap<string, ReviewCard>,
	list: readonly ReviewItem[],
	last: ReadonlyMap<string, Attempt>,
	now: number,
	seed: number
): string[] {
	const ids: string[] = [];
	const taken = new Set<string>();
	const add = (id: string | null) => {
		if (id && !taken.has(id) && ids.length < DUE_LIMIT) {
			taken.add(id);
			ids.push(id);
		}
	};
	for (const item of list) if (item.due) add(item.question.id);
	const lastAnswered = new Map<string, number>();
	for (const [id, a] of last) lastAnswered.set(id, a.at);
	const dueFlags = [...cards.values()]
		.filter((c) => c.kind === 'flag' && isDue(c, now))
		.sort((a, b) => a.card.due.getTime() - b.card.due.getTime());
	for (const flag of dueFlags) {
		if (ids.length >= DUE_LIMIT) break;
		add(pickForFlag(catalog, flag, lastAnswered, seed, taken));
	}
	return ids;
}

/** What today's review deck is made of: questions from the review list, and questions for due red flags. */
export interface DueSplit {
	total: number;
	fromList: number;
	forFlags: number;
}

/** Splits a due deck by where its questions come from, against the whole (unfiltered) review list. */
export function dueSplit(due: readonly string[], list: readonly ReviewItem[]): DueSplit {
	const listed = new Set(list.map((i) => i.question.id));
	const fromList = due.filter((id) => listed.has(id)).length;
	return { total: due.length, fromList, forFlags: due.length - fromList };
}

/** What the learner's latest review deck changed: how many of its questions left the list. */
export interface RetryOutcome {
	at: number;
	asked: number;
	fixed: number;
	left: number;
}

/**
 * The outcome of the most recent review run (attempts with mode "review"): of the questions it asked that
 * were on the list, how many are now off it (fixed) and how many are still on it (left). Null when the
 * learner has not reviewed yet.
 */
export function lastRetry(
	history: readonly Attempt[],
	list: readonly ReviewItem[]
): RetryOutcome | null {
	let latest: Attempt | undefined;
	for (const a of history) if (a.mode === 'review' && (!latest || a.at >= latest.at)) latest = a;
	if (!latest) return null;
	const runId = latest.runId;
	const run = history.filter((a) => a.runId === runId);
	const start = Math.min(...run.map((a) => a.at));
	// Only questions that were on the list before the run can be "fixed": missed or unsure earlier.
	const wasListed = new Set(
		history
			.filter((a) => a.at < start && (!a.correct || a.confidence === 'unsure'))
			.map((a) => a.questionId)
	);
	const asked = new Set(run.map((a) => a.questionId).filter((id) => wasListed.has(id)));
	const listed = new Set(list.map((i) => i.question.id));
	const left = [...asked].filter((id) => listed.has(id)).length;
	return { at: latest.at, asked: asked.size, fixed: asked.size - left, left };
}
