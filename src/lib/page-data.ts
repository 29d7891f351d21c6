import { error } from '@sveltejs/kit';
import { takeEarlyFile } from '$lib/early';

/**
 * The data of a page whose content comes from the bank, fetched from its prerendered JSON file in a page's
 * universal load (`+page.ts`). Pages load their data this way rather than from a server load, since one
 * server load anywhere makes every page ship SvelteKit's server-data client (its `__data.json` fetch and
 * decoder). A file the server does not have is the page's 404; no answer (offline before the file was
 * cached) or another error is a 503.
 */
export async function pageData<T>(fetcher: typeof fetch, path: string): Promise<T> {
	// Fetched by the page's HTML already, on a first load of a page that does so (see $lib/page-preloads):
	// only a failure there is fetched again, to say what went wrong.
	const early = await takeEarlyFile(path);
	if (early !== null) return early as T;
	let response: Response;
	try {
		response = await fetcher(path);
	} catch {
		error(503, `${path}: no answer`);
	}
	if (response.status === 404) error(404, `${path}: not found`);
	if (!response.ok) error(503, `${path}: status ${response.status}`);
	return (await response.json()) as T;
}
