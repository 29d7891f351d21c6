/**
 * The check programme as the check page needs it, read from storage: the checks taken, the next one, and
 * the before → after comparison. (Whether other pages offer a check: ./offer.ts.)
 * Reading the whole history also brings the check log up to date, so drills hold back the right form.
 */
import type { Catalog } from '$lib/quiz/catalog';
import { readHistory } from '$lib/progress/attempts';
import { checkLogOf, readCheckLog, writeCheckLog } from '$lib/progress/checks';
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
