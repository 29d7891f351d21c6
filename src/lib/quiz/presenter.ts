/**
 * Presenter mode: one screen, no phones. The room answers aloud or by hands; the facilitator records the
 * room's answer, or counts hands per choice. These helpers turn counts into the room's answer and the
 * drill's answers into the same team report a live room produces.
 */
import { teamReport, type Round } from '$lib/live/report';
import type { Report } from '$lib/live/protocol';
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
