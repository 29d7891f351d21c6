/**
 * Catalogs for unit tests, built from the shipped bank (Node only).
 */
import { loadBankFromDisk } from '$lib/scenarios/disk';
import type { Bank } from '$lib/scenarios/schema';
import { makeCatalog, type Catalog } from './catalog';

let shipped: Bank | undefined;

/** The shipped bank, loaded once per test file. */
export function shippedBank(): Bank {
	if (shipped) return shipped;
	const result = loadBankFromDisk('questions');
	if (!result.ok) throw new Error('the shipped bank is invalid');
	shipped = result.bank;
	return shipped;
}

/** A catalog of the whole shipped bank. */
export function shippedCatalog(): Catalog {
	return makeCatalog(shippedBank());
}

/** A catalog of only the given scenarios (small state spaces for model-based tests). */
export function catalogOf(scenarioIds: string[]): Catalog {
	const bank = shippedBank();
	return makeCatalog({
		...bank,
		scenarios: bank.scenarios.filter((s) => scenarioIds.includes(s.id))
	});
}
