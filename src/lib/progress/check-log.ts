/**
 * Reading the check log (see ./checks) and whether there is any history, with nothing more of storage's
 * code than ./probe: the drill page asks both before its first question, and a learner who has never
 * taken a check, as on a first visit, has no log to check (its schema loads only for one that is stored).
 */
import { countRecords, readOne } from './probe';

/** The check log's key in the drill store. */
export const CHECK_LOG_KEY = 'checks';

/** Form id → when it was last answered in a check. */
export type CheckLog = Record<string, number>;

/**
 * Reads the log. A missing or unreadable log reads as empty: it is only a summary, rebuilt from the
 * history on the check page, and an empty one holds back more, never less.
 */
export async function readCheckLog(): Promise<CheckLog> {
	try {
		const raw = await readOne('quiz', CHECK_LOG_KEY);
		// Its schema loads only for a learner who has taken a check (a first visit has no log).
		return raw === null ? {} : (await import('./checks-schema')).checkLogIn(raw);
	} catch {
		return {};
	}
}

/** True when the attempt history holds any answer at all (a learner with no history yet). */
export async function hasHistory(): Promise<boolean> {
	return (await countRecords('attempts')) > 0;
}
