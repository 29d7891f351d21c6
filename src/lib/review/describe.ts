/** Plain-language descriptions of answers, for the review list ("your answer" / "the right one"). */
import { m, localText, verdictChoice, messageNumbers, formatList } from '$lib/i18n';
import { grade } from '$lib/quiz/grade';
import type { Question } from '$lib/scenarios/generate';

/** Describes a selection for a question: an option's text, a verdict, or message numbers. */
export function describeSelection(q: Question, selection: readonly number[]): string {
	if (selection.length === 0) return m.review_nothing();
	switch (q.kind) {
		case 'decide':
			return formatList(selection.map((i) => (q.options[i] ? localText(q.options[i].text) : '?')));
		case 'verdict':
			return formatList(selection.map((i) => verdictChoice(i)));
		case 'flags':
		case 'stop':
			return messageNumbers(selection.map((i) => i + 1));
	}
}

/** Describes the right answer to a question. */
export function describeExpected(q: Question): string {
	return describeSelection(q, grade(q, []).expected.slice(0, q.kind === 'flags' ? undefined : 1));
}
