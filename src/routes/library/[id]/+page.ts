import { pageData } from '$lib/page-data';
import type { ScenarioDetail } from '$lib/scenarios/library';
import type { PageLoad } from './$types';

// The scenario's detail comes from its prerendered file (see `$lib/page-data`); one the bank does not
// have is the 404 page.
export const load = (({ fetch, params }) =>
	pageData<ScenarioDetail>(
		fetch,
		`/library/${encodeURIComponent(params.id)}.json`
	)) satisfies PageLoad;
