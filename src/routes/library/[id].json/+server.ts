import { error, json } from '@sveltejs/kit';
import { scenarioDetail } from '$lib/scenarios/library';
import { getBank } from '$lib/server/bank';
import type { EntryGenerator, RequestHandler } from './$types';

// One static file per scenario, written at build time: what its library page shows (its load fetches it).
export const prerender = true;

export const entries = (() =>
	getBank().scenarios.map((s) => ({ id: s.id }))) satisfies EntryGenerator;

export const GET = (({ params }) => {
	const detail = scenarioDetail(getBank(), params.id);
	if (!detail) error(404, 'no-such-scenario');
	return json(detail);
}) satisfies RequestHandler;
