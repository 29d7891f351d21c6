/**
 * What the scenario library shows, derived from the bank: an index grouped by lure type, and the detail of
 * one scenario with the taxonomy entries it refers to.
 */
import type {
	Bank,
	Channel,
	LocalText,
	Lure,
	RedFlag,
	Scenario,
	SeedCase,
	Verdict
} from './schema';

/** One row of the library index. */
export interface LibraryEntry {
	id: string;
	title: LocalText;
	verdict: Verdict;
	case: number | null;
	channels: readonly Channel[];
}

/** A lure type with its scenarios: scams first, then genuine twins, each by title. */
export interface LibraryGroup {
	lure: Lure;
	entries: LibraryEntry[];
}

/** Groups every scenario under its lure type, in the order of `lures.yaml`. */
export function libraryIndex(bank: Bank): LibraryGroup[] {
	return bank.lures
		.map((lure) => ({
			lure,
			entries: bank.scenarios
				.filter((s) => s.lure === lure.id)
				.sort(
					(a, b) =>
						(a.verdict === b.verdict ? 0 : a.verdict === 'scam' ? -1 : 1) ||
						a.title.en.localeCompare(b.title.en)
				)
				.map((s) => ({
					id: s.id,
					title: s.title,
					verdict: s.verdict,
					case: s.case,
					channels: s.channels
				}))
		}))
		.filter((g) => g.entries.length > 0);
}

/** One scenario with its lure type, seed case and the red flags its steps show. */
export interface ScenarioDetail {
	scenario: Scenario;
	lure: Lure;
	seedCase: SeedCase | null;
	/** Red flags shown anywhere in the script, keyed by id. */
	flags: Record<string, RedFlag>;
}

/** The detail of one scenario, or undefined when no scenario has that id. */
export function scenarioDetail(bank: Bank, id: string): ScenarioDetail | undefined {
	const scenario = bank.scenarios.find((s) => s.id === id);
	if (!scenario) return undefined;
	const used = new Set(scenario.steps.flatMap((s) => s.flags));
	const lure = bank.lures.find((l) => l.id === scenario.lure);
	// The checker guarantees the lure exists; a missing one means the bank was not checked.
	if (!lure) throw new Error(`Scenario ${id} refers to unknown lure ${scenario.lure}`);
	return {
		scenario,
		lure,
		seedCase: bank.cases.find((c) => c.id === scenario.case) ?? null,
		flags: Object.fromEntries(bank.redFlags.filter((f) => used.has(f.id)).map((f) => [f.id, f]))
	};
}

/**
 * The link target for a source URL, or null when it must not become a link. The checker accepts only https
 * sources; this is the page's own guard, so that a `javascript:` or `data:` source in a bank that skipped
 * the checker is shown as text and can never run.
 */
export function sourceHref(url: string): string | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' && parsed.hostname ? parsed.href : null;
	} catch {
		return null;
	}
}
