/**
 * The scenario bank in the browser: fetched once from the prerendered `/bank.json` (cached by the service
 * worker for offline use) and indexed into a catalog, shared by every page that needs it.
 */
import { error } from '@sveltejs/kit';
import { makeCatalog, type Catalog } from '$lib/quiz/catalog';
import type { Bank } from '$lib/scenarios/schema';

let pending: Promise<Catalog> | undefined;

/** The catalog of the shipped bank; `fetch` is SvelteKit's in a load function. */
export function loadCatalog(fetcher: typeof fetch = fetch): Promise<Catalog> {
	pending ??= fetcher('/bank.json').then(async (response) => {
		if (!response.ok) {
			pending = undefined;
			throw new Error(`The scenarios could not be loaded (${response.status})`);
		}
		// bank.json is written by this app's own build from the checked bank.
		return makeCatalog((await response.json()) as Bank);
	});
	return pending;
}

/** For a page's load function: the catalog, or a 503 page saying the scenarios could not be loaded. */
export async function catalogOr503(fetcher: typeof fetch): Promise<{ catalog: Catalog }> {
	try {
		return { catalog: await loadCatalog(fetcher) };
	} catch (err) {
		error(503, err instanceof Error ? err.message : 'The scenarios could not be loaded');
	}
}
