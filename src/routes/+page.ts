import { pageData } from '$lib/page-data';
import type { HomeFigures } from '$lib/scenarios/summary';
import type { PageLoad } from './$types';

// The bank's figures come from their prerendered file (see `$lib/page-data`).
export const load = (({ fetch }) =>
	pageData<HomeFigures>(fetch, '/bank-summary.json')) satisfies PageLoad;
