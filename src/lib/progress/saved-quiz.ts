/**
 * The unfinished quiz, saved after every transition so that a reload, a closed tab or a dead battery
 * resumes at the exact question. What is read back is untrusted: it is validated against the record
 * schema, migrated by version, and checked against the machine and the current bank. A saved quiz that
 * no longer fits is set aside with a reason the learner can read.
 */
import * as v from 'valibot';
import type { Snapshot } from 'xstate';
import type { Catalog } from '$lib/quiz/catalog';
import { DeckSpecSchema } from '$lib/quiz/deck';
import { choicesOf } from '$lib/quiz/grade';
import { QUESTION_KINDS } from '$lib/scenarios/generate';
import { store } from './db';
import { setAside } from './quarantine';
import { reasonCode } from './reasons';

/** Version of the saved-quiz record. Raise it when the record or the machine's context changes shape. */
export const SAVED_QUIZ_VERSION = 1;
/**
 * The solo trainer's drill; presenter mode keeps its session under its own key, and so does a check, so
 * that taking a check never replaces an unfinished drill.
 */
export type SavedQuizKey = 'current' | 'present' | 'check';

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

/** The outcome of reading the saved quiz. */
export type SavedQuiz =
	| { status: 'none' }
	| { status: 'ok'; snapshot: Snapshot<unknown>; savedAt: number }
	| { status: 'set-aside'; reason: string };

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

/** Reads the saved quiz; a record that does not fit is set aside (quarantined) with the reason. */
export async function loadSavedQuiz(
	catalog: Catalog,
	key: SavedQuizKey = 'current'
): Promise<SavedQuiz> {
	const db = await store('quiz');
	let raw: unknown;
	try {
		raw = await db.getItem(key);
	} catch {
		raw = '(unreadable)';
	}
	if (raw === null || raw === undefined) return { status: 'none' };
	const checked = checkSavedQuiz(raw, catalog);
	if (checked.ok) return { status: 'ok', snapshot: checked.snapshot, savedAt: checked.savedAt };
	await setAside('quiz', key, raw, checked.reason);
	return { status: 'set-aside', reason: checked.reason };
}

/** Saves a persisted machine snapshot; an idle machine has nothing to save, so the record is removed. */
export async function saveQuiz(
	snapshot: Snapshot<unknown> & { value?: unknown },
	at = Date.now(),
	key: SavedQuizKey = 'current'
) {
	const db = await store('quiz');
	if (snapshot.value === 'idle') await db.removeItem(key);
	else await db.setItem(key, { v: SAVED_QUIZ_VERSION, savedAt: at, snapshot });
}

/** Where an unfinished drill stands, for a page that does not load the bank (the home page). */
export interface UnfinishedDrill {
	/** 1-based number of the question the drill is at. */
	position: number;
	total: number;
	answered: number;
	mode: 'drill' | 'review' | 'presenter' | 'check';
}

/**
 * Peeks at the saved drill without the bank: the record is only read, never set aside here (the trainer
 * does that with the bank at hand). Null when there is none, it is finished, or it cannot be read.
 */
export async function peekSavedQuiz(
	key: SavedQuizKey = 'current'
): Promise<UnfinishedDrill | null> {
	try {
		const raw = await (await store('quiz')).getItem(key);
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
	} catch {
		return null;
	}
}
