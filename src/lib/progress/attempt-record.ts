/**
 * Writing the attempt history (see ./attempts): the record of each answer, appended as the learner
 * answers. Apart from the history's reading, whose schema checks every record, so that the drill page
 * records answers without loading a validation library before its first question.
 */
import type { Catalog } from '$lib/quiz/catalog';
import type { Answer, QuizContext } from '$lib/quiz/machine';
import type { Attempt } from './attempts';
import { store } from './db';

/** The version of the attempt record (see ./attempts for what each version added). */
export const ATTEMPT_VERSION = 3;

/** The attempt record for the `index`-th answer of a quiz run. */
export function attemptOf(
	catalog: Catalog,
	context: QuizContext,
	answer: Answer,
	index: number
): Attempt {
	const scenario = catalog.index.scenario.get(answer.scenarioId);
	return {
		v: ATTEMPT_VERSION,
		id: `${context.runId}:${index}`,
		runId: context.runId,
		questionId: answer.questionId,
		scenarioId: answer.scenarioId,
		kind: answer.kind,
		selection: answer.selection,
		correct: answer.correct,
		confidence: answer.confidence,
		mode: context.mode,
		deck: context.deck?.kind ?? 'ids',
		at: answer.at,
		elapsedMs: answer.elapsedMs,
		lure: scenario?.lure ?? null,
		verdict: scenario?.verdict ?? null,
		form: context.deck?.kind === 'check' ? context.deck.form : null
	};
}

/** Appends attempts (idempotent: an attempt already stored is written again unchanged). */
export async function appendAttempts(attempts: readonly Attempt[]): Promise<void> {
	const db = await store('attempts');
	for (const a of attempts) await db.setItem(a.id, a);
}
