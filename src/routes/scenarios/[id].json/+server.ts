import { error, json } from '@sveltejs/kit';
import { getBank } from '$lib/server/bank';
import type { EntryGenerator, RequestHandler } from './$types';

// One static file per scenario, written at build time: a drill fetches the scenarios its deck asks, and the
// service worker caches them all for offline use.
export const prerender = true;

export const entries = (() =>
	getBank().scenarios.map((s) => ({ id: s.id }))) satisfies EntryGenerator;

export const GET = (({ params }) => {
	const scenario = getBank().scenarios.find((s) => s.id === params.id);
	if (!scenario) error(404, 'no-such-scenario');
	return json(scenario);
}) satisfies RequestHandler;
