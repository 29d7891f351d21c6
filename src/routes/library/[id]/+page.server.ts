import { getBank } from '$lib/server/bank';
import type { EntryGenerator } from './$types';

/**
 * Every scenario page is prerendered, also those no link points to yet. Its data is fetched by the page
 * (`+page.ts`): a server load here would make every page ship SvelteKit's server-data client.
 */
export const entries = (() =>
	getBank().scenarios.map((s) => ({ id: s.id }))) satisfies EntryGenerator;
