import { drillCatalogOr503 } from '$lib/bank-client';
import { readSavedQuestionIds } from '$lib/progress/saved-ids';
import type { PageLoad } from './$types';

// The trainer lives in the browser (its state is in IndexedDB): the server sends only the shell.
export const ssr = false;

/**
 * The bank's index and storage start together: reading the saved drill's question ids opens storage (the
 * localforage import and the database) while the index is on its way. The page fetches that drill's
 * scenarios before it reads the drill itself; a new drill fetches its own when it starts. Storage is not
 * waited for here: the page shows its loading line, never a blank screen, while storage is slow.
 */
export const load = (async ({ fetch }) => {
	const saved = readSavedQuestionIds();
	return { catalog: await drillCatalogOr503(fetch), saved };
}) satisfies PageLoad;
