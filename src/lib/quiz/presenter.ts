/**
 * Presenter mode: one screen, no phones. The room answers aloud or by hands; the facilitator records the
 * room's answer, or counts hands per choice. These helpers turn counts into the room's answer and the
 * drill's answers into the same team report a live room produces.
 */
import * as v from 'valibot';
import { handChecks, type CountedItem, type ItemHands } from '$lib/checks/room';
import { teamReport, type Round } from '$lib/live/report';
import type { CheckStage, Report } from '$lib/live/protocol';
import { seededRandom, shuffled } from './random';
import type { Catalog } from './catalog';
import { choicesOf, grade } from './grade';
import type { Answer } from './machine';
import type { Question } from '$lib/scenarios/generate';

/** True when hands can be counted per choice (single-choice questions). */
export function countable(q: Question): boolean {
	return q.kind !== 'flags';
}

/**
 * The room's answer from hands per choice (`counts` aligned with `choicesOf(q)`): the choice most hands
 * went up for. A tie goes to the one shown first (`shown`, the order on screen; authored order if absent),
 * so a tie never favours an option for where it was authored.
 */
export function majority(
	q: Question,
	counts: readonly number[],
	shown: readonly number[] = choicesOf(q)
): number[] {
	const choices = choicesOf(q);
	const handsFor = (choice: number) => counts[choices.indexOf(choice)] ?? 0;
	let best: number | undefined;
	for (const choice of shown) {
		const n = handsFor(choice);
		if (n > 0 && (best === undefined || n > handsFor(best))) best = choice;
	}
	return best === undefined ? [] : [best];
}

/**
 * Hands counted per choice (keyed by the choice's identity, whatever order the choices were shown in) as
 * the counts a presenter answer stores: aligned with `choicesOf(q)`, whole and never negative.
 */
export function handCounts(q: Question, byChoice: Readonly<Record<number, unknown>>): number[] {
	return choicesOf(q).map((c) => Math.max(0, Math.floor(Number(byChoice[c]) || 0)));
}

/** One round of the report: hands when counted (right = hands on a right choice), else the room as one. */
export function roundOf(q: Question, answer: Answer, index: number): Round {
	if (answer.counts && countable(q)) {
		const right = new Set(grade(q, []).expected);
		const choices = choicesOf(q);
		const answers = answer.counts.reduce((a, b) => a + b, 0);
		const correct = answer.counts.reduce(
			(sum, n, i) => sum + (right.has(choices[i] ?? -1) ? n : 0),
			0
		);
		return { index, questionId: q.id, answers, correct, unanswered: 0 };
	}
	return {
		index,
		questionId: q.id,
		answers: 1,
		correct: answer.correct ? 1 : 0,
		unanswered: 0,
		room: true
	};
}

/**
 * The team report of a presenter session, from the questions answered so far (a session ended early
 * reports just those). Hands are not heads: `presenter.hands` (and `players`) is the most hands counted
 * on one question, 0 when the room only answered as one. Per question, a row counts hands, or is the
 * room's one answer (marked `room`). Hands from one question cannot be added to another's (the room
 * changes, and a room answer is no hand), so red flags, lure types and most-missed scenarios count
 * questions: one per question, right when the room's answer was right.
 */
export function presenterReport(catalog: Catalog, answers: readonly Answer[]): Report {
	const asked = answers.flatMap((a, i) => {
		const q = catalog.question.get(a.questionId);
		return q ? [{ answer: a, round: roundOf(q, a, i) }] : [];
	});
	const rounds = asked.map((x) => x.round);
	const hands = Math.max(0, ...rounds.filter((r) => !r.room).map((r) => r.answers));
	const perHand = teamReport(catalog, 'presenter', hands, rounds);
	const perQuestion = teamReport(
		catalog,
		'presenter',
		hands,
		asked.map(({ answer, round }) => ({ ...round, answers: 1, correct: answer.correct ? 1 : 0 }))
	);
	return {
		...perQuestion,
		questions: perHand.questions,
		missedQuestionIds: perHand.missedQuestionIds,
		presenter: { hands }
	};
}

// ---------------------------------------------------------------------------------------------------
// Before- and after-checks in presenter mode: hands counted per option on each item of the matched forms.

/** One check of a presenter session: its form, its items (scenario ids) and the hands counted on each. */
export interface PresenterCheck {
	form: string;
	items: string[];
	/** Hands per item, in item order; null until the item is recorded. */
	hands: (ItemHands | null)[];
}

/** The room's checks: the before-check (form A) and the after-check (form B), once started. */
export interface PresenterChecks {
	pre: PresenterCheck | null;
	post: PresenterCheck | null;
}

const HandCount = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999));
const CheckSchema = v.strictObject({
	form: v.pipe(v.string(), v.maxLength(40)),
	items: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(40)),
	hands: v.pipe(
		v.array(
			v.nullable(
				v.strictObject({
					scamSure: HandCount,
					scamUnsure: HandCount,
					genuineSure: HandCount,
					genuineUnsure: HandCount
				})
			)
		),
		v.maxLength(40)
	)
});
/** The stored checks, read back as untrusted input. */
export const PresenterChecksSchema = v.strictObject({
	pre: v.nullable(CheckSchema),
	post: v.nullable(CheckSchema)
});

/** No checks yet. */
export const NO_CHECKS: PresenterChecks = { pre: null, post: null };

/**
 * Reads stored checks: null when they are not valid against this schema or name scenarios this bank does
 * not have (then the page starts without them rather than with half a check).
 */
export function readChecks(catalog: Catalog, raw: unknown): PresenterChecks | null {
	const parsed = v.safeParse(PresenterChecksSchema, raw);
	if (!parsed.success) return null;
	for (const check of [parsed.output.pre, parsed.output.post])
		if (
			check &&
			(check.hands.length !== check.items.length ||
				check.items.some((id) => !catalog.scenario.has(id)))
		)
			return null;
	return parsed.output;
}

/**
 * Starts a check on the bank's matched form (the first before the training, the second after), in an
 * order drawn from `seed`; null when the bank has no such form.
 */
export function startCheck(
	catalog: Catalog,
	checks: PresenterChecks,
	stage: CheckStage,
	seed: number
): PresenterChecks | null {
	const form = catalog.bank.forms?.[stage === 'pre' ? 0 : 1];
	if (!form) return null;
	const items = shuffled(form.scenarios, seededRandom(seed));
	return { ...checks, [stage]: { form: form.id, items, hands: items.map(() => null) } };
}

/** The check being counted (started, with an item not recorded yet), or null. */
export function openCheck(checks: PresenterChecks): CheckStage | null {
	if (checks.pre && checks.pre.hands.includes(null)) return 'pre';
	if (checks.post && checks.post.hands.includes(null)) return 'post';
	return null;
}

/** Records the hands of one item of a check. */
export function recordHands(
	checks: PresenterChecks,
	stage: CheckStage,
	item: number,
	hands: ItemHands
): PresenterChecks {
	const check = checks[stage];
	if (!check || item < 0 || item >= check.items.length) return checks;
	const next = [...check.hands];
	next[item] = { ...hands };
	return { ...checks, [stage]: { ...check, hands: next } };
}

/** A finished check as counted items for `handChecks`; null while it is not finished or not started. */
export function countedItems(catalog: Catalog, check: PresenterCheck | null): CountedItem[] | null {
	if (!check || check.hands.includes(null)) return null;
	return check.items.flatMap((id, i) => {
		const s = catalog.scenario.get(id);
		const hands = check.hands[i];
		return s && hands ? [{ truth: s.verdict, lure: s.lure, hands }] : [];
	});
}

/** The report with the room's before → after added, once the before-check is finished. */
export function withChecks(catalog: Catalog, report: Report, checks: PresenterChecks): Report {
	const pre = countedItems(catalog, checks.pre);
	if (!pre) return report;
	return { ...report, checks: handChecks(pre, countedItems(catalog, checks.post)) };
}
