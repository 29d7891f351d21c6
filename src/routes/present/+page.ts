import { error } from '@sveltejs/kit';
import { loadCatalog } from '$lib/bank-client';
import type { PageLoad } from './$types';

// Presenter mode runs wholly in the browser (no server, works offline once visited).
export const ssr = false;

export const load = (async ({ fetch }) => {
	try {
		return { catalog: await loadCatalog(fetch) };
	} catch (err) {
		error(503, err instanceof Error ? err.message : 'The scenarios could not be loaded');
	}
}) satisfies PageLoad;
