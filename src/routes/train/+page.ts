import { error } from '@sveltejs/kit';
import type { Bank } from '$lib/scenarios/schema';
import type { PageLoad } from './$types';

// The trainer lives in the browser (its state is in IndexedDB): the server sends only the shell.
export const ssr = false;

export const load = (async ({ fetch }) => {
	const response = await fetch('/bank.json');
	if (!response.ok) error(503, 'The scenarios could not be loaded');
	// bank.json is written by this app's own build from the checked bank.
	return { bank: (await response.json()) as Bank };
}) satisfies PageLoad;
