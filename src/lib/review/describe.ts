/** Plain-language descriptions of answers, for the review list ("your answer" / "the right one"). */
import { messages, pick } from '$lib/i18n/messages';
import { grade } from '$lib/quiz/grade';
import type { Question } from '$lib/scenarios/generate';

/** Describes a selection for a question: an option's text, a verdict, or message numbers. */
export function describeSelection(q: Question, selection: readonly number[]): string {
	const m = messages();
	if (selection.length === 0) return m.review.nothing;
	switch (q.kind) {
		case 'decide':
			return selection.map((i) => (q.options[i] ? pick(q.options[i].text) : '?')).join('; ');
		case 'verdict':
			return selection.map((i) => m.quiz.verdictChoices[i] ?? '?').join('; ');
		case 'flags':
		case 'stop':
			return m.review.messages(selection.map((i) => i + 1));
	}
}

/** Describes the right answer to a question. */
export function describeExpected(q: Question): string {
	return describeSelection(q, grade(q, []).expected.slice(0, q.kind === 'flags' ? undefined : 1));
}
