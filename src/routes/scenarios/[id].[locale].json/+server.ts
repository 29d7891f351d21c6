import { error, json } from '@sveltejs/kit';
import { inLanguage } from '$lib/i18n/text-languages';
import { isLocale, locales } from '$lib/i18n/locale.svelte';
import { drillScenario } from '$lib/quiz/catalog';
import { getBank } from '$lib/server/bank';
import type { EntryGenerator, RequestHandler } from './$types';

// One static file per scenario and locale, written at build time, its texts in that locale's language
// only, without what only the library shows (see drillScenario): a drill fetches the scenarios its deck asks in the learner's language, and the service worker
// caches them all, both languages, for offline use (a learner may switch language offline).
export const prerender = true;

export const entries = (() =>
	getBank().scenarios.flatMap((s) =>
		locales.map((locale) => ({ id: s.id, locale }))
	)) satisfies EntryGenerator;

export const GET = (({ params }) => {
	const scenario = getBank().scenarios.find((s) => s.id === params.id);
	if (!scenario || !isLocale(params.locale)) error(404, 'no-such-scenario');
	return json(inLanguage(drillScenario(scenario), params.locale));
}) satisfies RequestHandler;
