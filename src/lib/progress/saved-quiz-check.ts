/**
 * The checks of a saved drill's record (./saved-quiz): its schema, migrations by version, and its fit to
 * the machine and the current bank. Loaded only when there is a saved drill to read, so that a first
 * visit, with none, loads no validation library before its first question.
 */
import * as v from 'valibot';
import type { Snapshot } from 'xstate';
import type { Catalog } from '$lib/quiz/catalog';
import { DeckSpecSchema } from '$lib/quiz/deck-schema';
import { choicesOf } from '$lib/quiz/grade';
import { QUESTION_KINDS } from '$lib/scenarios/generate';
import { reasonCode } from './reasons';
import { SAVED_QUIZ_VERSION } from './saved-ids';
import type { UnfinishedDrill } from './saved-quiz';

const int = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.minValue(0));

const AnswerSchema = v.strictObject({
	questionId: v.string(),
	scenarioId: v.string(),
	kind: v.picklist(QUESTION_KINDS),
	selection: v.array(int),
	correct: v.boolean(),
	confidence: v.picklist(['sure', 'unsure']),
	at: time,
	elapsedMs: time,
	counts: v.optional(v.array(int))
});

const ContextSchema = v.strictObject({
	runId: v.string(),
	mode: v.picklist(['drill', 'review', 'presenter', 'check']),
	deck: v.nullable(DeckSpecSchema),
	seed: int,
	questionIds: v.array(v.string()),
	index: int,
	revealed: int,
	selection: v.array(int),
	answers: v.array(AnswerSchema),
	startedAt: time,
	finishedAt: v.nullable(time),
	shownAt: time,
	carriedMs: time
});

const PLAYING = ['presenting', 'asking', 'feedback'] as const;

const ValueSchema = v.union([
	v.picklist(['idle', 'paused', 'results']),
	v.strictObject({ playing: v.picklist(PLAYING) })
]);

const HistorySchema = v.union([
	v.strictObject({}),
	v.strictObject({
		'quiz.playing.resume': v.tuple([
			v.strictObject({ id: v.picklist(PLAYING.map((s) => `quiz.playing.${s}` as const)) })
		])
	})
]);

const SnapshotSchema = v.looseObject({
	status: v.literal('active'),
	value: ValueSchema,
	historyValue: v.optional(HistorySchema),
	context: ContextSchema
});

const RecordSchema = v.strictObject({
	v: v.literal(SAVED_QUIZ_VERSION),
	savedAt: time,
	snapshot: SnapshotSchema
});

/**
 * Migrations from each older record version to the next. Version 1 is the first, so none yet; an older
 * record with no migration is set aside rather than guessed at.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

function migrate(raw: unknown): { record: unknown } | { reason: string } {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		return { reason: reasonCode('quiz-unreadable') };
	let record = raw as Record<string, unknown>;
	const version = typeof record.v === 'number' ? record.v : 0;
	if (version > SAVED_QUIZ_VERSION) return { reason: reasonCode('quiz-newer') };
	for (let from = version; from < SAVED_QUIZ_VERSION; from++) {
		const step = MIGRATIONS[from];
		if (!step) return { reason: reasonCode('quiz-older') };
		record = step(record);
	}
	return { record };
}

/** Checks a stored record; on success returns the snapshot to restore the machine from. */
export function checkSavedQuiz(
	raw: unknown,
	catalog: Catalog
): { ok: true; snapshot: Snapshot<unknown>; savedAt: number } | { ok: false; reason: string } {
	const migrated = migrate(raw);
	if ('reason' in migrated) return { ok: false, reason: migrated.reason };
	const parsed = v.safeParse(RecordSchema, migrated.record);
	if (!parsed.success) {
		const where = v.getDotPath(parsed.issues[0]) ?? 'record';
		return { ok: false, reason: reasonCode('quiz-damaged', where) };
	}
	const { snapshot } = parsed.output;
	const c = snapshot.context;
	const playing = typeof snapshot.value === 'object' || snapshot.value === 'paused';
	const inQuiz = snapshot.value !== 'idle';

	for (const id of [...c.questionIds, ...c.answers.map((a) => a.questionId)])
		if (!catalog.question.has(id))
			return {
				ok: false,
				reason: reasonCode('quiz-changed')
			};
	if (inQuiz && (c.questionIds.length === 0 || c.index >= c.questionIds.length))
		return { ok: false, reason: reasonCode('quiz-damaged', 'position') };
	if (playing) {
		const q = catalog.question.get(c.questionIds[c.index] ?? '');
		const offered = new Set(q ? choicesOf(q) : []);
		if (!q || c.revealed > q.visibleSteps || !c.selection.every((i) => offered.has(i)))
			return { ok: false, reason: reasonCode('quiz-no-fit') };
	}
	if (
		snapshot.value === 'paused' &&
		!(snapshot.historyValue && 'quiz.playing.resume' in snapshot.historyValue)
	)
		return { ok: false, reason: reasonCode('quiz-damaged', 'pause') };
	return {
		ok: true,
		snapshot: snapshot as unknown as Snapshot<unknown>,
		savedAt: parsed.output.savedAt
	};
}

/** Where the unfinished drill in a stored record stands; null when it is finished, idle or not valid. */
export function unfinishedIn(raw: unknown): UnfinishedDrill | null {
	const migrated = migrate(raw);
	if ('reason' in migrated) return null;
	const parsed = v.safeParse(RecordSchema, migrated.record);
	if (!parsed.success) return null;
	const { value, context: c } = parsed.output.snapshot;
	if (value === 'idle' || value === 'results' || c.questionIds.length === 0) return null;
	return {
		position: Math.min(c.index + 1, c.questionIds.length),
		total: c.questionIds.length,
		answered: c.answers.length,
		mode: c.mode
	};
}
