import { error, json } from '@sveltejs/kit';
import { inLanguage } from '$lib/i18n/text-languages';
import { isLocale, locales } from '$lib/i18n/locale.svelte';
import { bankIndex } from '$lib/quiz/catalog';
import { getBank } from '$lib/server/bank';
import type { EntryGenerator, RequestHandler } from './$types';

// Written to a static file per locale at build time: what every drill needs before its first question (red
// flags, lure types, the check's forms, and each scenario's id, lure, verdict and question ids), without the
// scripts, its texts in that locale's language only (a learner reads one; a switch fetches the other).
export const prerender = true;

export const entries = (() => locales.map((locale) => ({ locale }))) satisfies EntryGenerator;

export const GET = (({ params }) => {
	if (!isLocale(params.locale)) error(404, 'no-such-locale');
	return json(inLanguage(bankIndex(getBank()), params.locale));
}) satisfies RequestHandler;
