import { drillCatalogOr503, earlyFirstScenario, ensureScenarios } from '$lib/bank-client';
import { savedQuestionIds } from '$lib/progress/saved-ids';
import { readSavedRecord } from '$lib/progress/trainer-reads';
import { drawQuickAhead } from '$lib/quiz/quick-ahead';
import type { PageLoad } from './$types';

// The trainer lives in the browser (its state is in IndexedDB): the server sends only the shell.
export const ssr = false;

/**
 * The bank's index and storage start together: the saved drill's record is read (straight from IndexedDB;
 * a first visit finds no database and loads no storage library) while the index is on its way. The page fetches that drill's
 * scenarios before the trainer checks the drill (with the record read here, and its other reads started
 * side by side); a new drill fetches its own when it starts. Storage is not waited for here: the page
 * shows its loading line, never a blank screen, while storage is slow. Only the one read starts here: the
 * settings' database, opened here as well, held back the page's first drawing (measured).
 * Once the index is in, Quick 10 is drawn ahead and its first scenario fetched while storage opens (on a
 * first load, fetched by the page's HTML before this runs: see `$lib/quiz/quick-ahead`); a failure there is
 * met again, with words, when the drill starts.
 */
export const load = (async ({ fetch }) => {
	const record = readSavedRecord('current');
	// No storage, or a record that cannot be read: no scenarios to fetch first (the trainer says why).
	const saved = record.then(savedQuestionIds, () => []);
	const catalog = await drillCatalogOr503(fetch);
	// On a first load the page's HTML has drawn the first scenario and fetched it already (see
	// `$lib/quiz/quick-ahead`): the deck drawn here begins with it.
	const quick = drawQuickAhead(catalog, undefined, earlyFirstScenario());
	if (quick.firstScenario) ensureScenarios(catalog, [quick.firstScenario], fetch).catch(() => {});
	return { catalog, saved, record, quickSeed: quick.seed };
}) satisfies PageLoad;
