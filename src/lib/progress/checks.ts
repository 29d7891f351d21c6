/**
 * The check log: which check forms the learner has answered, and when last. It is a small summary of the
 * attempt history (the history stays the record and is exported), kept so that a drill can hold the
 * untaken form's scenarios back without reading the whole history before its first question. It is
 * rebuilt from the history whenever the check page reads it, and after an import.
 */
import type { Attempt } from './attempts';
import { countRecords, readOne } from './bulk';
import { store } from './db';

const KEY = 'checks';

/** Form id → when it was last answered in a check. */
export type CheckLog = Record<string, number>;

/** The check log from attempts (any order): every form with a check answer. */
export function checkLogOf(attempts: readonly Attempt[]): CheckLog {
	const log: CheckLog = {};
	for (const a of attempts)
		if (a.mode === 'check' && a.form !== null) log[a.form] = Math.max(log[a.form] ?? 0, a.at);
	return log;
}

/**
 * Reads the log. A missing or unreadable log reads as empty: it is only a summary, rebuilt from the
 * history on the check page, and an empty one holds back more, never less.
 */
export async function readCheckLog(): Promise<CheckLog> {
	try {
		const raw = await readOne('quiz', KEY);
		// Its schema loads only for a learner who has taken a check (a first visit has no log).
		return raw === null ? {} : (await import('./checks-schema')).checkLogIn(raw);
	} catch {
		return {};
	}
}

/** Replaces the log (the check page, from the whole history). */
export async function writeCheckLog(log: CheckLog): Promise<void> {
	await (await store('quiz')).setItem(KEY, { v: 1, taken: log });
}

/** Adds the check answers among `attempts` (an import) to the stored log. */
export async function noteChecks(attempts: readonly Attempt[]): Promise<void> {
	const fresh = checkLogOf(attempts);
	if (Object.keys(fresh).length === 0) return;
	const log = await readCheckLog();
	for (const [form, at] of Object.entries(fresh)) log[form] = Math.max(log[form] ?? 0, at);
	await writeCheckLog(log);
}

/** True when the attempt history holds any answer at all (a learner with no history yet). */
export async function hasHistory(): Promise<boolean> {
	return (await countRecords('attempts')) > 0;
}
