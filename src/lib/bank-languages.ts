/**
 * A drill catalog gaining another language (see `addLocale` in `$lib/bank-client`): fetched only when the
 * learner switches language, so its code is not among what the first question waits for.
 *
 * Every file is merged whole or not at all, so which languages a scenario or the index holds is read off
 * one of its texts: a scenario's title, the first red flag's name.
 */
import {
	addFetched,
	fetchJson,
	indexPath,
	scenarioPath,
	ScenarioLoadError,
	type CatalogLanguages
} from '$lib/bank-client';
import { currentLocale, type Locale } from '$lib/i18n/locale.svelte';
import { mergeLanguages, TEXT_KEY } from '$lib/i18n/text-languages';
import type { DrillScenario, LocalText } from '$lib/scenarios/schema';
import type { DrillCatalog } from '$lib/quiz/catalog';

/** Whether a text (merged whole with its file) holds `locale`'s language. */
const holds = (text: Partial<LocalText> | undefined, locale: Locale) =>
	text?.[TEXT_KEY[locale]] !== undefined;

/** `other` merged into `file`, or a `mismatch` naming the other's path when it is not the same data. */
function merge(file: unknown, other: unknown, path: string): void {
	if (!mergeLanguages(file, other)) throw new ScenarioLoadError('mismatch', path);
}

/** See `addLocale` in `$lib/bank-client`: one addition of each language at a time, a failed one forgotten. */
export function addLocale(
	catalog: DrillCatalog,
	held: CatalogLanguages,
	locale: Locale,
	fetcher: typeof fetch
): Promise<void> {
	let adding = held.added.get(locale);
	if (!adding) {
		adding = addLanguage(catalog, held, locale, fetcher).catch((err: unknown) => {
			held.added.delete(locale);
			throw err;
		});
		held.added.set(locale, adding);
	}
	return adding;
}

/**
 * Adds `locale`'s texts to the catalog's index and to every scenario it holds, round after round until
 * none is left without them: a scenario added meanwhile in the old language only is caught by the next
 * round, one fetched later gets `locale` before it is added (see `addScenario`). A file that is not the same
 * data as the catalog's but for its language is a `mismatch`.
 */
async function addLanguage(
	catalog: DrillCatalog,
	held: CatalogLanguages,
	locale: Locale,
	fetcher: typeof fetch
): Promise<void> {
	if (!holds(held.wire.redFlags[0]?.name, locale)) {
		const path = indexPath(locale);
		merge(held.wire, await fetchJson(fetcher, path), path);
	}
	for (;;) {
		const missing = catalog.bank.scenarios.filter((s) => !holds(s.title, locale));
		if (missing.length === 0) return;
		await Promise.all(
			missing.map(async (scenario) => {
				const path = scenarioPath(scenario.id, locale);
				merge(scenario, await fetchJson(fetcher, path), path);
			})
		);
	}
}

/**
 * Adds a scenario fetched while the catalog has other languages (added, or being added for a switch, or
 * the UI's, changed while it was on its way): each of them is fetched, asked again after each round, then
 * merged, and the scenario added with them all.
 */
export async function addScenario(
	catalog: DrillCatalog,
	held: CatalogLanguages,
	id: string,
	files: Map<Locale, unknown>,
	fetcher: typeof fetch
): Promise<void> {
	const wanted = () =>
		[...new Set([currentLocale(), ...held.added.keys()])].filter((locale) => !files.has(locale));
	for (let missing = wanted(); missing.length > 0; missing = wanted())
		await Promise.all(
			missing.map(async (locale) =>
				files.set(locale, await fetchJson(fetcher, scenarioPath(id, locale)))
			)
		);
	const [[locale, scenario], ...others] = [...files] as [
		[Locale, DrillScenario | null],
		...[Locale, unknown][]
	];
	for (const [other, file] of others) merge(scenario, file, scenarioPath(id, other));
	addFetched(catalog, id, scenario, scenarioPath(id, locale));
}
