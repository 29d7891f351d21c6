/**
 * The scenario bank in the browser, fetched from prerendered files (all cached by the service worker for
 * offline use):
 * - `loadCatalog()`: the whole bank (`/bank.json`), for the pages that show or count every scenario;
 * - `loadDrillCatalog()` + `ensureScenarios()`: the drill's fast path. The small index
 *   (`/bank-index.<locale>.json`) is enough to build any deck; each scenario's text
 *   (`/scenarios/<id>.<locale>.json`) is fetched when a deck needs it, so the first question waits for one
 *   small file, not for the whole bank. Both are in the learner's language only; before the language
 *   changes, the drill catalog gains the other's texts (`addLocale`, run by `beforeLocaleChange`).
 */
import { error } from '@sveltejs/kit';
import { earlyStart, takeEarlyFile } from '$lib/early';
import { beforeLocaleChange, currentLocale, type Locale } from '$lib/i18n/locale.svelte';
import {
	makeCatalog,
	makeIndexCatalog,
	type BankIndex,
	type Catalog,
	type DrillCatalog
} from '$lib/quiz/catalog';
import type { Bank, DrillScenario } from '$lib/scenarios/schema';

let pending: Promise<Catalog> | undefined;

/** The catalog of the shipped bank; `fetch` is SvelteKit's in a load function. */
export function loadCatalog(fetcher: typeof fetch = fetch): Promise<Catalog> {
	pending ??= fetcher('/bank.json').then(async (response) => {
		if (!response.ok) {
			pending = undefined;
			throw new Error(`The scenarios could not be loaded (${response.status})`);
		}
		// bank.json is written by this app's own build from the checked bank.
		return makeCatalog((await response.json()) as Bank);
	});
	return pending;
}

/** For a page's load function: the catalog, or a 503 page saying the scenarios could not be loaded. */
export async function catalogOr503(fetcher: typeof fetch): Promise<{ catalog: Catalog }> {
	try {
		return { catalog: await loadCatalog(fetcher) };
	} catch (err) {
		error(503, err instanceof Error ? err.message : 'The scenarios could not be loaded');
	}
}

/**
 * Why scenarios could not be loaded: `network` (no answer: offline before the files were cached),
 * `missing` (the server answered with an error), `mismatch` (a file that does not fit the index, e.g. from
 * another build). The page turns the code into words.
 */
export type ScenarioLoadCode = 'network' | 'missing' | 'mismatch';

export class ScenarioLoadError extends Error {
	constructor(
		readonly code: ScenarioLoadCode,
		readonly path: string
	) {
		super(`${path} could not be loaded (${code})`);
		this.name = 'ScenarioLoadError';
	}
}

/**
 * The scenario the page's HTML drew to begin a new learner's Quick 10 with, and fetched (null: none, as on
 * any page but a first load of the drill page). Taken once: the next drill draws its own.
 */
export function earlyFirstScenario(): string | null {
	const start = earlyStart();
	const first = start?.first ?? null;
	if (start) start.first = null;
	return first;
}

/** The bank's index in one locale's language. Self-contained: the drill page's HTML runs it too. */
export function indexPath(locale: string): string {
	return `/bank-index.${locale}.json`;
}

/** A scenario's file in one locale's language. Self-contained: the drill page's HTML runs it too. */
export function scenarioPath(id: string, locale: string): string {
	return `/scenarios/${encodeURIComponent(id)}.${locale}.json`;
}

/**
 * A drill file as parsed JSON, or a `ScenarioLoadError` saying why not: `network`, `missing`, or
 * `mismatch` for one that does not parse.
 */
export async function fetchJson(fetcher: typeof fetch, path: string): Promise<unknown> {
	// Fetched by the page's HTML already: only a failure there is fetched again, to say what went wrong.
	const early = await takeEarlyFile(path);
	if (early !== null) return early;
	let response: Response;
	try {
		response = await fetcher(path);
	} catch {
		throw new ScenarioLoadError('network', path);
	}
	if (!response.ok) throw new ScenarioLoadError('missing', path);
	try {
		return await response.json();
	} catch {
		throw new ScenarioLoadError('mismatch', path);
	}
}

/**
 * What a drill catalog needs to gain a language (see `addLocale`): the index as fetched, whose texts the
 * catalog holds (the same objects), and the languages the UI has switched to or is switching to, which
 * every scenario fetched from then on gets too (one that could not be added leaves). Which language a
 * text holds is read off the text itself.
 */
export interface CatalogLanguages {
	wire: BankIndex;
	added: Map<Locale, Promise<void>>;
}

const languages = new WeakMap<DrillCatalog, CatalogLanguages>();

/** The code that adds languages, fetched at a switch (or at a scenario's fetch after one). */
const languageCode = () => import('$lib/bank-languages');

/**
 * The drill catalog of an index fetched in one language (see `makeIndexCatalog`, which throws on an
 * index from another build), ready to gain scenarios and languages.
 */
export function drillCatalogOf(index: BankIndex): DrillCatalog {
	const catalog = makeIndexCatalog(index);
	languages.set(catalog, { wire: index, added: new Map() });
	return catalog;
}

let drillPending: Promise<DrillCatalog> | undefined;
let hooked = false;

/** The drill catalog: the bank's index, gaining scenarios as `ensureScenarios` fetches them. */
export function loadDrillCatalog(fetcher: typeof fetch = fetch): Promise<DrillCatalog> {
	const locale = currentLocale();
	const path = indexPath(locale);
	// The catalog kept for the rest of the visit gains each language the learner switches to before the
	// switch; one that could not be fetched makes it forgotten instead, to be fetched anew in the new
	// language, unless a page showing it refuses the switch (the drill page says why and keeps its own).
	if (!hooked) {
		hooked = true;
		beforeLocaleChange(async (next) => {
			const kept = drillPending;
			const catalog = await kept?.catch(() => undefined);
			if (!catalog) return;
			await addLocale(catalog, next).catch(() => {
				if (drillPending === kept) drillPending = undefined;
			});
		});
	}
	drillPending ??= fetchJson(fetcher, path).then(
		// The index is written by this app's own build from the checked bank; one naming a kind of question
		// this code does not know comes from another build.
		(index) => {
			try {
				return drillCatalogOf(index as BankIndex);
			} catch {
				drillPending = undefined;
				throw new ScenarioLoadError('mismatch', path);
			}
		},
		(err: unknown) => {
			drillPending = undefined;
			throw err;
		}
	);
	return drillPending;
}

/** For a page's load function: the drill catalog, or a 503 page saying the scenarios could not be loaded. */
export async function drillCatalogOr503(fetcher: typeof fetch): Promise<DrillCatalog> {
	try {
		return await loadDrillCatalog(fetcher);
	} catch (err) {
		error(503, err instanceof Error ? err.message : 'The scenarios could not be loaded');
	}
}

/**
 * One scenario, fetched in the UI's language and added to the catalog. After a switch, or during one, it
 * gets the other languages wanted as well before it is added (see `addScenario` in `$lib/bank-languages`).
 */
async function fetchScenario(
	catalog: DrillCatalog,
	id: string,
	fetcher: typeof fetch
): Promise<void> {
	// Every drill catalog is made by drillCatalogOf.
	const held = languages.get(catalog)!;
	const locale = currentLocale();
	const path = scenarioPath(id, locale);
	const scenario = (await fetchJson(fetcher, path)) as DrillScenario | null;
	if (held.added.size > 0 || locale !== currentLocale()) {
		const { addScenario } = await languageCode();
		return addScenario(catalog, held, id, new Map([[locale, scenario]]), fetcher);
	}
	addFetched(catalog, id, scenario, path);
}

/**
 * Adds scenario `id` as fetched from `path`. Written by this app's own build, like the index, and checked
 * against the index when added: a file that is not that scenario, or does not fit, is a `mismatch`.
 */
export function addFetched(
	catalog: DrillCatalog,
	id: string,
	scenario: DrillScenario | null,
	path: string
): void {
	if (scenario?.id !== id || catalog.add(scenario) !== null)
		throw new ScenarioLoadError('mismatch', path);
}

const inFlight = new WeakMap<DrillCatalog, Map<string, Promise<void>>>();

/**
 * Fetches the scenarios not yet in the catalog, all at once, in the learner's language; resolves when every
 * one is in. Rejects with a `ScenarioLoadError` naming the first that failed (the others stay in; a later
 * call retries the rest). Ids the index does not know are skipped: what asked for them is checked against
 * the catalog later.
 */
export async function ensureScenarios(
	catalog: DrillCatalog,
	scenarioIds: Iterable<string>,
	fetcher: typeof fetch = fetch
): Promise<void> {
	let loading = inFlight.get(catalog);
	if (!loading) inFlight.set(catalog, (loading = new Map()));
	const waits: Promise<void>[] = [];
	for (const id of new Set(scenarioIds)) {
		if (catalog.has(id) || !catalog.index.scenario.has(id)) continue;
		let wait = loading.get(id);
		if (!wait) {
			const map = loading;
			wait = fetchScenario(catalog, id, fetcher).finally(() => map.delete(id));
			loading.set(id, wait);
		}
		waits.push(wait);
	}
	await Promise.all(waits);
}

/**
 * Gives the catalog's texts `locale`'s language too: the index's and every scenario's it holds (and any
 * fetched meanwhile), so that the UI can switch to it with nothing left in the old one. Rejects with a
 * `ScenarioLoadError` when a file could not be fetched or does not fit (the catalog is as usable as
 * before: what was merged stays, each whole). Offline, the service worker has every locale's files.
 */
export async function addLocale(
	catalog: DrillCatalog,
	locale: Locale,
	fetcher: typeof fetch = fetch
): Promise<void> {
	return (await languageCode()).addLocale(catalog, languages.get(catalog)!, locale, fetcher);
}

/** The scenarios of these questions, as the index knows them (unknown ids are skipped). */
export function scenariosOf(catalog: Catalog, questionIds: Iterable<string>): string[] {
	const ids = new Set<string>();
	for (const id of questionIds) {
		const q = catalog.index.question.get(id);
		if (q) ids.add(q.scenarioId);
	}
	return [...ids];
}
