import { pageData } from '$lib/page-data';
import type { LibraryGroup } from '$lib/scenarios/library';
import type { PageLoad } from './$types';

// The index comes from its prerendered file (see `$lib/page-data`).
export const load = (async ({ fetch }) => ({
	groups: await pageData<LibraryGroup[]>(fetch, '/library.json')
})) satisfies PageLoad;
