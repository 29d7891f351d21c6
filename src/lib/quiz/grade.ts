/**
 * Grading: whether a selection answers a question, and the detail feedback needs. Selections are indices:
 * an option (decide), 0 = scam / 1 = legitimate (verdict), or script steps (flags, stop; 0-based). An
 * option's index is where it is authored, never where it is shown (options are shuffled per drill, see
 * `order.ts`), so stored answers, grades and reports stay right whatever order a learner saw.
 */
import type { Question } from '$lib/scenarios/generate';

/** The two verdict choices, in the order number keys pick them. */
export const VERDICT_CHOICES = ['scam', 'legitimate'] as const;

export interface Grade {
	correct: boolean;
	/** Indices that make up the right answer (for a decide question: every safe option). */
	expected: number[];
	/** flags: steps rightly chosen, flagged steps left out, and unflagged steps chosen. */
	hits: number[];
	missed: number[];
	falseAlarms: number[];
}

/** True when the question takes several choices (spot the red flags) rather than one. */
export function isMultiSelect(q: Question): boolean {
	return q.kind === 'flags';
}

/** How many choices a question offers, and which indices they are. */
export function choicesOf(q: Question): readonly number[] {
	switch (q.kind) {
		case 'decide':
			return q.options.map((_, i) => i);
		case 'verdict':
			return VERDICT_CHOICES.map((_, i) => i);
		case 'flags':
		case 'stop':
			return q.choices;
	}
}

/** True when `selection` is a well-formed answer to `q` (right size, only offered choices, no repeats). */
export function isValidSelection(q: Question, selection: readonly number[]): boolean {
	const offered = new Set(choicesOf(q));
	if (new Set(selection).size !== selection.length) return false;
	if (!selection.every((i) => offered.has(i))) return false;
	return isMultiSelect(q) ? selection.length >= 1 : selection.length === 1;
}

/** Grades a selection. A malformed selection is simply wrong. */
export function grade(q: Question, selection: readonly number[]): Grade {
	const chosen = new Set(selection);
	const none = { hits: [], missed: [], falseAlarms: [] };
	switch (q.kind) {
		case 'decide': {
			const expected = q.options.flatMap((o, i) => (o.safe ? [i] : []));
			const pick = selection[0];
			return {
				correct: selection.length === 1 && pick !== undefined && q.options[pick]?.safe === true,
				expected,
				...none
			};
		}
		case 'verdict': {
			const expected = [VERDICT_CHOICES.indexOf(q.answer)];
			return { correct: selection.length === 1 && selection[0] === expected[0], expected, ...none };
		}
		case 'stop':
			return {
				correct: selection.length === 1 && selection[0] === q.answer,
				expected: [q.answer],
				...none
			};
		case 'flags': {
			const answer = new Set(q.answer);
			const hits = q.answer.filter((i) => chosen.has(i));
			const missed = q.answer.filter((i) => !chosen.has(i));
			const falseAlarms = [...chosen].filter((i) => !answer.has(i)).sort((a, b) => a - b);
			return {
				correct: missed.length === 0 && falseAlarms.length === 0,
				expected: [...q.answer],
				hits,
				missed,
				falseAlarms
			};
		}
	}
}
