/**
 * The scenario bank in the browser, fetched from prerendered files (all cached by the service worker for
 * offline use):
 * - `loadCatalog()`: the whole bank (`/bank.json`), for the pages that show or count every scenario;
 * - `loadDrillCatalog()` + `ensureScenarios()`: the drill's fast path. The small index (`/bank-index.json`)
 *   is enough to build any deck; each scenario's text (`/scenarios/<id>.json`) is fetched when a deck
 *   needs it, so the first question waits for one small file, not for the whole bank.
 */
import { error } from '@sveltejs/kit';
import {
	makeCatalog,
	makeIndexCatalog,
	type BankIndex,
	type Catalog,
	type DrillCatalog
} from '$lib/quiz/catalog';
import type { Bank, Scenario } from '$lib/scenarios/schema';

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
 * What the drill page's HTML fetched before the app's scripts arrived (see `earlyStart` in
 * `$lib/quiz/quick-ahead`), kept on the window under `EARLY_START`.
 */
export interface EarlyStart {
	/** Files by path, as parsed JSON; null where the fetch failed or the file did not parse. */
	files: Record<string, Promise<unknown>>;
	/** The scenario a new learner's Quick 10 is to begin with, fetched among `files` (null: none drawn). */
	first: Promise<string | null> | null;
}

/** The window's property holding the `EarlyStart` of the page's HTML. */
export const EARLY_START = '__fdEarlyStart';

function earlyStart(): EarlyStart | undefined {
	return (globalThis as Record<string, unknown>)[EARLY_START] as EarlyStart | undefined;
}

/** What the page's HTML fetched of `path`, taken once: a second ask (a retry) fetches anew. */
function takeEarly(path: string): Promise<unknown> | undefined {
	const files = earlyStart()?.files;
	const file = files?.[path];
	if (file) delete files[path];
	return file;
}

/**
 * The scenario the page's HTML drew to begin a new learner's Quick 10 with, and fetched (null: none, as on
 * any page but a first load of the drill page). Taken once: the next drill draws its own.
 */
export function earlyFirstScenario(): Promise<string | null> {
	const start = earlyStart();
	const first = start?.first ?? null;
	if (start) start.first = null;
	return first ?? Promise.resolve(null);
}

async function fetchJson(fetcher: typeof fetch, path: string): Promise<unknown> {
	// Fetched by the page's HTML already: only a failure there is fetched again, to say what went wrong.
	const early = takeEarly(path);
	if (early) {
		const data = await early;
		if (data !== null) return data;
	}
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

let drillPending: Promise<DrillCatalog> | undefined;

/** The drill catalog: the bank's index, gaining scenarios as `ensureScenarios` fetches them. */
export function loadDrillCatalog(fetcher: typeof fetch = fetch): Promise<DrillCatalog> {
	drillPending ??= fetchJson(fetcher, '/bank-index.json').then(
		// The index is written by this app's own build from the checked bank; one naming a kind of question
		// this code does not know comes from another build.
		(index) => {
			try {
				return makeIndexCatalog(index as BankIndex);
			} catch {
				drillPending = undefined;
				throw new ScenarioLoadError('mismatch', '/bank-index.json');
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

const inFlight = new WeakMap<DrillCatalog, Map<string, Promise<void>>>();

/**
 * Fetches the scenarios not yet in the catalog, all at once; resolves when every one is in. Rejects with a
 * `ScenarioLoadError` naming the first that failed (the others stay in; a later call retries the rest).
 * Ids the index does not know are skipped: what asked for them is checked against the catalog later.
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
			const path = `/scenarios/${encodeURIComponent(id)}.json`;
			const map = loading;
			wait = fetchJson(fetcher, path)
				.then((scenario) => {
					// Written by this app's own build, like the index; checked against the index when added.
					const s = scenario as Scenario;
					if (s?.id !== id || catalog.add(s) !== null)
						throw new ScenarioLoadError('mismatch', path);
				})
				.finally(() => map.delete(id));
			loading.set(id, wait);
		}
		waits.push(wait);
	}
	await Promise.all(waits);
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
