/**
 * The home page's "due today" count, stored by the review code each time it works the cards out, so that
 * the home page can show it without loading the review code, the bank or the history. It holds while
 * the history is the one it was made from (the digest of the attempt ids, read as keys only) and until the
 * first card not yet due by its day's end falls due; otherwise the review code works it out again.
 */
import * as v from 'valibot';
import { readKeys, readOne } from './bulk';
import { store } from './db';
import { idsDigest } from './digest';

/** The summary's key in the review store. */
export const DUE_KEY = 'due';

const DueSummarySchema = v.object({
	v: v.literal(1),
	/** The digest of the ids of the history it was made from. */
	ids: v.string(),
	/** The end of the day it counted for: due means due by then. */
	asOf: v.number(),
	/** When the next card not due by `asOf` falls due (Infinity when none will). */
	until: v.number(),
	/** The size of that day's review deck. */
	due: v.pipe(v.number(), v.integer(), v.minValue(0))
});
export type DueSummary = v.InferOutput<typeof DueSummarySchema>;

/** The end of the local day of `now`: "due today" means due by then. */
export function endOfDay(now: number): number {
	const d = new Date(now);
	d.setHours(23, 59, 59, 999);
	return d.getTime();
}

/** What the home page can show: nothing (no history), the stored count, or the count must be worked out. */
export type DueCheck =
	{ status: 'empty' } | { status: 'current'; due: number } | { status: 'stale' };

/** Checks the stored summary against the history's keys and the day; reads no attempt. */
export async function checkDueSummary(now = Date.now()): Promise<DueCheck> {
	// Both stores are opened and read at once: the page waits for the slower one only (on a first load of
	// the home page, both were read by its HTML: see $lib/page-preloads).
	const [keys, stored] = await Promise.all([readKeys('attempts'), readOne('review', DUE_KEY)]);
	if (keys.length === 0) return { status: 'empty' };
	// A damaged or missing summary is only stale: it is derived, and the review code writes it again.
	const parsed = v.safeParse(DueSummarySchema, stored);
	if (!parsed.success) return { status: 'stale' };
	const s = parsed.output;
	const day = endOfDay(now);
	if (s.ids !== idsDigest(keys) || day < s.asOf || day >= s.until) return { status: 'stale' };
	return { status: 'current', due: s.due };
}

/** Stores the summary (failures only mean the next home page works it out again). */
export async function writeDueSummary(summary: DueSummary): Promise<void> {
	try {
		await (await store('review')).setItem(DUE_KEY, summary);
	} catch {
		// Derived data: nothing is lost.
	}
}
