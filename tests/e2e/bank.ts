/** The shipped bank read straight from `questions/`, independent of what the app serves. */
import { loadBankFromDisk } from '../../src/lib/scenarios/disk';
import type { Bank } from '../../src/lib/scenarios/schema';

// Read and checked once per test process: Playwright loads every spec file in the runner and again in its
// worker, and most of them ask for the bank; each read parses and checks all the YAML (about a second).
const cache = globalThis as { fdShippedBank?: Bank };

export function shippedBank(): Bank {
	if (cache.fdShippedBank) return cache.fdShippedBank;
	const result = loadBankFromDisk('questions');
	if (!result.ok)
		throw new Error(`The shipped bank is invalid (${result.problems.length} problems)`);
	cache.fdShippedBank = result.bank;
	return result.bank;
}
