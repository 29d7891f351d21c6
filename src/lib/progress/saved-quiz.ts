/**
 * The unfinished quiz, saved after every transition so that a reload, a closed tab or a dead battery
 * resumes at the exact question. What is read back is untrusted: it is validated against the record
 * schema, migrated by version, and checked against the machine and the current bank. A saved quiz that
 * no longer fits is set aside with a reason the learner can read.
 */
import type { Snapshot } from 'xstate';
import type { Catalog } from '$lib/quiz/catalog';
import { readOne } from './bulk';
import { store } from './db';
import { setAside } from './quarantine';
import { SAVED_QUIZ_VERSION } from './saved-ids';

export { SAVED_QUIZ_VERSION } from './saved-ids';

/**
 * The solo trainer's drill; presenter mode keeps its session under its own key, and so does a check, so
 * that taking a check never replaces an unfinished drill.
 */
export type SavedQuizKey = 'current' | 'present' | 'check';

/** The checks of a stored record, loaded when there is one (a first visit has none). */
const checks = () => import('./saved-quiz-check');

/** The outcome of reading the saved quiz. */
export type SavedQuiz =
	| { status: 'none' }
	| { status: 'ok'; snapshot: Snapshot<unknown>; savedAt: number }
	| { status: 'set-aside'; reason: string };

/**
 * Reads the saved quiz; a record that does not fit is set aside (quarantined) with the reason. `record`:
 * the record as already read from storage (see `startTrainerReads`), instead of reading it here; a
 * record that could not be read is set aside as unreadable either way.
 */
export async function loadSavedQuiz(
	catalog: Catalog,
	key: SavedQuizKey = 'current',
	record?: Promise<unknown>
): Promise<SavedQuiz> {
	let raw: unknown;
	try {
		raw = await (record ?? readOne('quiz', key));
	} catch {
		raw = '(unreadable)';
	}
	if (raw === null || raw === undefined) return { status: 'none' };
	const checked = (await checks()).checkSavedQuiz(raw, catalog);
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
		const raw = await readOne('quiz', key);
		return raw === null ? null : (await checks()).unfinishedIn(raw);
	} catch {
		return null;
	}
}
