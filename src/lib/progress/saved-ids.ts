/**
 * Which questions the saved drill refers to, taken from its record before the trainer checks it: a drill
 * page fetches their scenarios while it starts, so that the saved drill is checked against a catalog that
 * has them (a missing scenario would otherwise look like a changed bank). The record is read once, with
 * the trainer's other reads (see `startTrainerReads`), while the bank index is still on its way.
 */

/**
 * Version of the saved-quiz record (see ./saved-quiz). Raise it when the record or the machine's context
 * changes shape. Here, with what is read from a record before it is checked, so that its checks
 * (./saved-quiz-check) load without the code that writes it.
 */
export const SAVED_QUIZ_VERSION = 1;

/** Question ids in a raw saved-quiz record: its deck and its answers. Anything else is ignored here. */
export function savedQuestionIds(raw: unknown): string[] {
	const context = (raw as { snapshot?: { context?: unknown } } | null)?.snapshot?.context;
	if (typeof context !== 'object' || context === null) return [];
	const { questionIds, answers } = context as { questionIds?: unknown; answers?: unknown };
	const ids = Array.isArray(questionIds) ? questionIds : [];
	const answered = Array.isArray(answers)
		? answers.map((a) => (a as { questionId?: unknown } | null)?.questionId)
		: [];
	return [...ids, ...answered].filter((id): id is string => typeof id === 'string');
}
