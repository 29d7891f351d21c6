/**
 * The check log: which check forms the learner has answered, and when last. It is a small summary of the
 * attempt history (the history stays the record and is exported), kept so that a drill can hold the
 * untaken form's scenarios back without reading the whole history before its first question. It is
 * rebuilt from the history whenever the check page reads it, and after an import.
 */
import type { Attempt } from './attempts';
import { CHECK_LOG_KEY, readCheckLog, type CheckLog } from './check-log';
import { store } from './db';

// Reading it, and whether there is any history, need none of the rest: see ./check-log.
export { hasHistory, readCheckLog, type CheckLog } from './check-log';

/** The check log from attempts (any order): every form with a check answer. */
export function checkLogOf(attempts: readonly Attempt[]): CheckLog {
	const log: CheckLog = {};
	for (const a of attempts)
		if (a.mode === 'check' && a.form !== null) log[a.form] = Math.max(log[a.form] ?? 0, a.at);
	return log;
}

/** Replaces the log (the check page, from the whole history). */
export async function writeCheckLog(log: CheckLog): Promise<void> {
	await (await store('quiz')).setItem(CHECK_LOG_KEY, { v: 1, taken: log });
}

/** Adds the check answers among `attempts` (an import) to the stored log. */
export async function noteChecks(attempts: readonly Attempt[]): Promise<void> {
	const fresh = checkLogOf(attempts);
	if (Object.keys(fresh).length === 0) return;
	const log = await readCheckLog();
	for (const [form, at] of Object.entries(fresh)) log[form] = Math.max(log[form] ?? 0, at);
	await writeCheckLog(log);
}
