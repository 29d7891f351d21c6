/** The shipped bank read straight from `questions/`, independent of what the app serves. */
import { loadBankFromDisk } from '../../src/lib/scenarios/disk';
import type { Bank } from '../../src/lib/scenarios/schema';

export function shippedBank(): Bank {
	const result = loadBankFromDisk('questions');
	if (!result.ok)
		throw new Error(`The shipped bank is invalid (${result.problems.length} problems)`);
	return result.bank;
}
