import { error } from '@sveltejs/kit';
import { scenarioDetail } from '$lib/scenarios/library';
import { getBank } from '$lib/server/bank';
import type { EntryGenerator, PageServerLoad } from './$types';

/** Every scenario page is prerendered, also those no link points to yet. */
export const entries = (() =>
	getBank().scenarios.map((s) => ({ id: s.id }))) satisfies EntryGenerator;

export const load = (({ params }) => {
	const detail = scenarioDetail(getBank(), params.id);
	if (!detail) error(404, `No scenario "${params.id}"`);
	return detail;
}) satisfies PageServerLoad;
