/**
 * Which questions the saved drill refers to, read before the trainer opens: a drill page fetches their
 * scenarios while it starts, so that the saved drill is checked against a catalog that has them (a
 * missing scenario would otherwise look like a changed bank). Reading the record here also opens storage
 * (the localforage import and the database) while the bank index is still on its way.
 */
import { store } from './db';
import type { SavedQuizKey } from './saved-quiz';

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

/** The question ids of the saved drill under `key`; none when there is no storage or no saved drill. */
export async function readSavedQuestionIds(key: SavedQuizKey = 'current'): Promise<string[]> {
	try {
		return savedQuestionIds(await (await store('quiz')).getItem(key));
	} catch {
		// No storage: the trainer finds that out itself and says so.
		return [];
	}
}
