/**
 * Spaced repetition with FSRS (ts-fsrs). There is a card per question and a card per red flag. Cards are
 * derived from the attempt history alone, so they can never disagree with it, and merging two devices'
 * histories merges their cards too. A cache of them (cache.ts) only saves replaying what was replayed
 * before; it gives the same cards as a full replay.
 *
 * Grades: a wrong answer is Again, a right answer given as "not sure" is Hard, a sure right answer is Good.
 * A red-flag card is graded by every answer that tested that flag (see `flagGrades`).
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { Attempt } from '$lib/progress/attempts';
import type { Catalog } from '$lib/quiz/catalog';
import { grade } from '$lib/quiz/grade';
import type { Question } from '$lib/scenarios/generate';
import type { DrillScenario } from '$lib/scenarios/schema';

/**
 * Schedulers; fuzz off so that the same history always gives the same schedule. Both kinds of card are
 * scheduled in whole days (no short-term learning steps): "due today" is then a date, the same for the home
 * page, the review headline and the list, and a question answered today is never due again the same day —
 * a retry moves the count, instead of sending every answered question back "in 10 minutes".
 */
const schedulers = {
	question: fsrs({ enable_fuzz: false, enable_short_term: false }),
	flag: fsrs({ enable_fuzz: false, enable_short_term: false })
};

export interface ReviewCard {
	/** `q:<question id>` or `f:<red-flag id>`. */
	id: string;
	kind: 'question' | 'flag';
	/** The question id or the red-flag id. */
	target: string;
	card: Card;
	attempts: number;
	misses: number;
	unsure: number;
	lastAt: number;
	lastCorrect: boolean;
	lastSure: boolean;
	/** Scenarios in which the card was last practised (for a flag: prefer a different one next time). */
	lastScenarios: string[];
}

/** The grade an answer gives its question's card. */
export function gradeOf(attempt: Pick<Attempt, 'correct' | 'confidence'>): Grade {
	if (!attempt.correct) return Rating.Again;
	return attempt.confidence === 'sure' ? Rating.Good : Rating.Hard;
}

/**
 * The red flags an answer tested, each with its grade:
 * - spot the red flags: each flag on a flagged step; Again when that step was missed;
 * - where to stop: the decisive flags on the stopping step;
 * - scam or legitimate, on a scam: every flag of the script;
 * - what do you do: the flags on the steps seen before deciding.
 */
export function flagGrades(
	q: Question,
	s: DrillScenario,
	attempt: Pick<Attempt, 'correct' | 'confidence' | 'selection'>,
	decisive: ReadonlySet<string>
): Map<string, Grade> {
	const out = new Map<string, Grade>();
	const put = (flag: string, g: Grade) => out.set(flag, Math.min(out.get(flag) ?? g, g) as Grade);
	const base = gradeOf(attempt);
	switch (q.kind) {
		case 'flags': {
			const missed = new Set(grade(q, attempt.selection).missed);
			for (const i of q.answer)
				for (const f of s.steps[i]?.flags ?? [])
					put(f, missed.has(i) ? Rating.Again : gradeOf({ ...attempt, correct: true }));
			break;
		}
		case 'stop':
			for (const f of s.steps[q.answer]?.flags ?? []) if (decisive.has(f)) put(f, base);
			break;
		case 'verdict':
			if (s.verdict === 'scam')
				for (const step of s.steps) for (const f of step.flags) put(f, base);
			break;
		case 'decide':
			for (const step of s.steps.slice(0, q.visibleSteps)) for (const f of step.flags) put(f, base);
			break;
	}
	return out;
}

function newCard(id: string, kind: ReviewCard['kind'], target: string, at: number): ReviewCard {
	return {
		id,
		kind,
		target,
		card: createEmptyCard(new Date(at)),
		attempts: 0,
		misses: 0,
		unsure: 0,
		lastAt: at,
		lastCorrect: false,
		lastSure: false,
		lastScenarios: []
	};
}

function review(
	c: ReviewCard,
	g: Grade,
	at: number,
	scenarioId: string,
	correct: boolean,
	sure: boolean
) {
	c.card = schedulers[c.kind].next(c.card, new Date(at), g).card;
	c.attempts += 1;
	if (!correct) c.misses += 1;
	if (correct && !sure) c.unsure += 1;
	// Answers at the same moment about one flag count as one practice of it, in all their scenarios.
	if (c.lastAt !== at) c.lastScenarios = [scenarioId];
	else if (!c.lastScenarios.includes(scenarioId))
		c.lastScenarios = [...c.lastScenarios, scenarioId];
	c.lastAt = at;
	c.lastCorrect = correct;
	c.lastSure = sure;
}

/** Replays a history (oldest first) into every card it touches. Unknown questions are skipped. */
export function buildCards(
	catalog: Catalog,
	attempts: readonly Attempt[]
): Map<string, ReviewCard> {
	return extendCards(catalog, new Map(), attempts);
}

/**
 * Folds more attempts (oldest first, all later than those already in `cards`) into `cards`, in place,
 * and returns it. Folding a history in two parts gives exactly the cards of one full replay, which is
 * what lets the cards cache replay only the attempts added since it was written.
 */
export function extendCards(
	catalog: Catalog,
	cards: Map<string, ReviewCard>,
	attempts: readonly Attempt[]
): Map<string, ReviewCard> {
	const decisive = new Set(catalog.bank.redFlags.filter((f) => f.decisive).map((f) => f.id));
	// Most answers repeat a few (question, answer) pairs, so their flag grades are worked out once.
	const gradesMemo = new Map<string, Map<string, Grade>>();
	const cardFor = (id: string, kind: ReviewCard['kind'], target: string, at: number) => {
		let c = cards.get(id);
		if (!c) {
			c = newCard(id, kind, target, at);
			cards.set(id, c);
		}
		return c;
	};
	for (const a of attempts) {
		const q = catalog.question.get(a.questionId);
		const s = q && catalog.scenario.get(q.scenarioId);
		if (!q || !s) continue;
		const sure = a.confidence === 'sure';
		review(cardFor(`q:${q.id}`, 'question', q.id, a.at), gradeOf(a), a.at, s.id, a.correct, sure);
		const memoKey = `${q.id}|${a.correct}|${a.confidence}|${a.selection.join(',')}`;
		let grades = gradesMemo.get(memoKey);
		if (!grades) {
			grades = flagGrades(q, s, a, decisive);
			gradesMemo.set(memoKey, grades);
		}
		for (const [flag, g] of grades)
			review(
				cardFor(`f:${flag}`, 'flag', flag, a.at),
				g,
				a.at,
				s.id,
				g !== Rating.Again,
				g === Rating.Good
			);
	}
	return cards;
}

/**
 * A question is learned once its last answer was right and sure: a retry that gets it right, surely,
 * takes it off the list; a right answer given as "not sure" keeps it there.
 */
export function isLearned(c: ReviewCard): boolean {
	return c.card.state === State.Review && c.lastCorrect && c.lastSure;
}

/** True when the card is due at `now`. */
export function isDue(c: ReviewCard, now: number): boolean {
	return c.card.due.getTime() <= now;
}

/** Questions on the review list: ever missed, or last answered "not sure", and not yet learned. */
export function needsReview(c: ReviewCard): boolean {
	return c.kind === 'question' && (c.misses > 0 || !c.lastSure || !c.lastCorrect) && !isLearned(c);
}
