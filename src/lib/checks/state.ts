/**
 * The check programme as the pages need it, read from storage: the checks taken, the next one, and the
 * before → after comparison (check page), or whether to offer a check at all (train and home pages).
 * Reading the whole history also brings the check log up to date, so drills hold back the right form.
 */
import type { Catalog } from '$lib/quiz/catalog';
import { readHistory } from '$lib/progress/attempts';
import { checkLogOf, hasHistory, readCheckLog, writeCheckLog } from '$lib/progress/checks';
import {
	checkRuns,
	compareRuns,
	nextCheck,
	type CheckRun,
	type NextCheck,
	type Progress
} from './solo';

/** Everything the check page shows. */
export interface CheckState {
	runs: CheckRun[];
	next: NextCheck | null;
	progress: Progress | null;
}

/** Reads the history and works out the check page's state; `now` is the page's clock. */
export async function loadCheckState(catalog: Catalog, now: number): Promise<CheckState> {
	const forms = catalog.bank.forms ?? [];
	const { attempts } = await readHistory(catalog);
	const log = checkLogOf(attempts);
	const stored = await readCheckLog();
	if (JSON.stringify(log) !== JSON.stringify(stored)) await writeCheckLog(log);
	const runs = checkRuns(attempts, forms);
	return { runs, next: nextCheck(forms, attempts, now), progress: compareRuns(runs) };
}

/** What the train and home pages offer: the before-check, a check that is due, or nothing. */
export type CheckOffer = { kind: 'before'; size: number } | { kind: 'due'; next: NextCheck } | null;

/**
 * The offer for a page outside the check. A learner with no history at all gets the before-check, from
 * two cheap reads; only a learner who has taken a check has the history read, to see whether the next
 * is due. Storage trouble means no offer: the check is never in the way of a drill.
 */
export async function loadCheckOffer(catalog: Catalog, now: number): Promise<CheckOffer> {
	const forms = catalog.bank.forms ?? [];
	if (forms.length < 2) return null;
	try {
		const log = await readCheckLog();
		if (Object.keys(log).length === 0)
			return (await hasHistory()) ? null : { kind: 'before', size: forms[0]!.scenarios.length };
		const { attempts } = await readHistory(catalog);
		const next = nextCheck(forms, attempts, now);
		return next?.due ? { kind: 'due', next } : null;
	} catch {
		return null;
	}
}
