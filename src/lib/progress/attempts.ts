/**
 * The attempt history: one record per answered question, appended as the learner answers and never
 * rewritten. Review, spaced repetition and progress charts are built from it, so it is versioned and
 * every record is validated when read.
 */
import * as v from 'valibot';
import { QUESTION_KINDS } from '$lib/scenarios/generate';
import type { Answer, QuizContext } from '$lib/quiz/machine';
import { store } from './db';
import { setAside } from './quarantine';

export const ATTEMPT_VERSION = 1;

export const AttemptSchema = v.strictObject({
	v: v.literal(ATTEMPT_VERSION),
	/** `<run id>:<position in the deck>`: saving the same answer twice writes the same key. */
	id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	runId: v.string(),
	questionId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	scenarioId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
	kind: v.picklist(QUESTION_KINDS),
	selection: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
	correct: v.boolean(),
	confidence: v.picklist(['sure', 'unsure']),
	mode: v.picklist(['drill', 'review', 'presenter']),
	deck: v.picklist(['full', 'quick', 'lure', 'ids']),
	at: v.pipe(v.number(), v.minValue(0)),
	elapsedMs: v.pipe(v.number(), v.minValue(0))
});
export type Attempt = v.InferOutput<typeof AttemptSchema>;

/** The attempt record for the `index`-th answer of a quiz run. */
export function attemptOf(context: QuizContext, answer: Answer, index: number): Attempt {
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
		elapsedMs: answer.elapsedMs
	};
}

/** Appends attempts (idempotent: an attempt already stored is written again unchanged). */
export async function appendAttempts(attempts: readonly Attempt[]): Promise<void> {
	const db = await store('attempts');
	for (const a of attempts) await db.setItem(a.id, a);
}

/** Every valid attempt, oldest first; invalid records are set aside with the reason. */
export async function readAttempts(): Promise<Attempt[]> {
	const db = await store('attempts');
	const valid: Attempt[] = [];
	const invalid: { key: string; value: unknown; reason: string }[] = [];
	await db.iterate<unknown, void>((value, key) => {
		const parsed = v.safeParse(AttemptSchema, value);
		if (parsed.success && parsed.output.id === key) valid.push(parsed.output);
		else
			invalid.push({
				key,
				value,
				reason: parsed.success
					? 'attempt stored under a key that is not its id'
					: `damaged attempt record (${v.getDotPath(parsed.issues[0]) ?? 'record'})`
			});
	});
	for (const bad of invalid) await setAside('attempts', bad.key, bad.value, bad.reason);
	return valid.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}
