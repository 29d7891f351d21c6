/**
 * Whether a page outside the check offers one (the drill page, above its decks): the before-check to a
 * learner with no history yet, a check that is due, or nothing. Apart from the check page's state
 * (./state.ts) so that the drill page loads no check scoring before its first question: a learner who has
 * never taken a check, as most learners on that page, needs two cheap reads; the check rules and the
 * history's reading (with its schema) are loaded only for a learner who has taken one.
 */
import type { Catalog } from '$lib/quiz/catalog';
import { hasHistory, readCheckLog } from '$lib/progress/check-log';
import type { NextCheck } from './solo';

/** What the drill page offers: the before-check, a check that is due, or nothing. */
export type CheckOffer = { kind: 'before'; size: number } | { kind: 'due'; next: NextCheck } | null;

/**
 * The offer for a page outside the check. Storage trouble (or the rules failing to load) means no offer:
 * the check is never in the way of a drill.
 */
export async function loadCheckOffer(catalog: Catalog, now: number): Promise<CheckOffer> {
	const forms = catalog.bank.forms ?? [];
	if (forms.length < 2) return null;
	try {
		const log = await readCheckLog();
		if (Object.keys(log).length === 0)
			return (await hasHistory()) ? null : { kind: 'before', size: forms[0]!.scenarios.length };
		// The history's schema, like the rules, loads only for a learner who has taken a check.
		const [{ readHistory }, { nextCheck }] = await Promise.all([
			import('$lib/progress/attempts'),
			import('./solo')
		]);
		const { attempts } = await readHistory(catalog);
		const next = nextCheck(forms, attempts, now);
		return next?.due ? { kind: 'due', next } : null;
	} catch {
		return null;
	}
}
