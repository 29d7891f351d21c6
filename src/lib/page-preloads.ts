/**
 * What a page's HTML starts fetching at once, beside its scripts. Pages are client-rendered, so a request
 * made by page code starts only after all of the app's scripts have arrived and run; one started by the
 * HTML itself goes while they are still on their way. Only for files the page is sure to need at once.
 *
 * The drill page's HTML runs a small inline script, `earlyStart` of `$lib/quiz/quick-ahead`. The HTML is
 * one shell for both languages, and the drill's files are per locale, so a `<link rel="preload">` in it
 * could name only one of them: the script decides the locale as the app will, draws the scenario a new
 * learner's Quick 10 begins with (from the scenarios that can begin one, written into it when the page is
 * built), and fetches it and the bank's index in that locale, side by side, instead of the app doing so
 * after its scripts have arrived and run (a round trip later on a phone, two for the scenario). The
 * page's Content-Security-Policy allows it by its hash, added beside SvelteKit's own.
 *
 * The UI texts of the drill's own file are per locale too (see $lib/text-preloads): the drill page's
 * script asks for its locale's as well, and the other drill pages (the check, presenter mode) run a
 * smaller script that does only that.
 *
 * The home page's and the drill page's HTML also read the stored records the page needs to start (see
 * `EARLY_PAGES`), and the home page's fetches its figures: opening IndexedDB waits on the browser's
 * storage, which the scripts' download and start can hide.
 */
import { createHash } from 'node:crypto';
import { indexPath, scenarioPath } from '$lib/bank-client';
import { ALL_KEYS, EARLY_START } from '$lib/early';
import { LOCALE_MIRROR_KEY, locales, preferredLocale, startLocale } from '$lib/i18n/locale.svelte';
import {
	CLIENT_MANIFEST_FILE,
	missingPreloads,
	staticImportsOf,
	withModulePreloads,
	type BuildManifest,
	type StaticImports
} from '$lib/module-preloads';
import { CHECK_LOG_KEY } from '$lib/progress/check-log';
import { DUE_KEY } from '$lib/progress/due-summary';
import { earlyPageStart, earlyReads } from '$lib/progress/early-reads';
import { DATABASE_PREFIX, RECORDS } from '$lib/progress/probe';
import { SETTINGS_KEY } from '$lib/progress/settings-start';
import type { StoreName } from '$lib/progress/db';
import { QUICK_SIZE } from '$lib/quiz/deck';
import { earlyStart, pickFirstScenario, type FirstPools } from '$lib/quiz/quick-ahead';
import {
	pageTexts,
	preloadTexts,
	TEXT_TABLES_FILE,
	type PageTexts,
	type TextTables
} from '$lib/text-preloads';

/** `preloadTexts` run on the locale the script `locale` gives, where a page has texts to ask for. */
function withTexts(texts: PageTexts, locale: string): string {
	return Object.keys(texts).length > 0
		? `(${preloadTexts})(${JSON.stringify(texts)},${locale})`
		: locale;
}

/** What a page's HTML fetches and reads for it (see `earlyPageStart` in $lib/progress/early-reads). */
export interface EarlyPage {
	/** Its data files (see $lib/page-data). */
	files: readonly string[];
	/** The records it reads as it starts, by store: under their keys, or `ALL_KEYS` for the store's keys. */
	reads: Partial<Record<StoreName, readonly string[]>>;
}

/**
 * The pages whose HTML starts their reads, by path (each read goes on serving the page's reads of it until
 * the page writes to its store, see $lib/early):
 * - the home page: its figures; its "due today" count (the history's keys and the stored summary, see
 *   $lib/progress/due-summary), the unfinished drill it offers back, the display settings;
 * - the drill page: what its trainer reads before the decks can be chosen (see
 *   $lib/progress/trainer-reads: the settings, the saved drill and the check log), beside what its own
 *   script fetches (see `earlyStart`).
 */
export const EARLY_PAGES: Readonly<Record<string, EarlyPage>> = {
	'/': {
		files: ['/bank-summary.json'],
		reads: {
			attempts: [ALL_KEYS],
			review: [DUE_KEY],
			quiz: ['current'],
			settings: [SETTINGS_KEY]
		}
	},
	'/train': { files: [], reads: { settings: [SETTINGS_KEY], quiz: ['current', CHECK_LOG_KEY] } }
};

/** A page's early fetches and reads as written (see `EARLY_PAGES`). */
export function earlyPageSource({ files, reads }: EarlyPage): string {
	const args = [
		JSON.stringify(EARLY_START),
		JSON.stringify(files),
		earlyReads,
		JSON.stringify(DATABASE_PREFIX),
		JSON.stringify(RECORDS),
		JSON.stringify(ALL_KEYS),
		JSON.stringify(reads)
	];
	return `(${earlyPageStart})(${args.join(',')})`;
}

/**
 * The drill page's inline script as written: `earlyStart`, handed what it uses (`pools`: the scenarios a new
 * learner's Quick 10 can begin with, see `firstPools`), then the page's UI texts in the locale it decided
 * (`texts`, see $lib/text-preloads), then its stores' reads (see `EARLY_PAGES`).
 */
export function earlyStartSource(pools: FirstPools, texts: PageTexts = {}): string {
	const args = [
		JSON.stringify(EARLY_START),
		JSON.stringify(LOCALE_MIRROR_KEY),
		JSON.stringify(locales),
		startLocale,
		preferredLocale,
		indexPath,
		scenarioPath,
		pickFirstScenario,
		JSON.stringify(pools),
		QUICK_SIZE
	];
	const drill = withTexts(texts, `(${earlyStart})(${args.join(',')})`);
	return EARLY_PAGES['/train'] ? `${drill};${earlyPageSource(EARLY_PAGES['/train'])}` : drill;
}

/** Any other page's inline script as written: its locale decided as the app will, its UI texts asked for. */
export function textStartSource(texts: PageTexts): string {
	const args = [JSON.stringify(LOCALE_MIRROR_KEY), JSON.stringify(locales), preferredLocale];
	return withTexts(texts, `(${startLocale})(${args.join(',')})`);
}

// The scripts as sent, by source: each is minified once.
const minified = new Map<string, Promise<string>>();

/**
 * An inline script as sent: its source minified by rolldown's minifier (the one the app's own build uses).
 * The minifier is loaded only when a page needs a script, that is while the build prerenders the pages:
 * the server that serves the built app never does.
 */
function minify(source: string): Promise<string> {
	let script = minified.get(source);
	if (!script) {
		script = import('rolldown/utils').then(({ minifySync }) => {
			const { code, errors } = minifySync('page-start.js', source);
			if (errors.length > 0) throw new Error(`page start script: ${errors[0]?.message}`);
			return code.trim();
		});
		minified.set(source, script);
	}
	return script;
}

/** The drill page's inline script as sent (minified), asking for `texts` too. */
export function earlyStartScript(pools: FirstPools, texts: PageTexts = {}): Promise<string> {
	return minify(earlyStartSource(pools, texts));
}

let built: Promise<TextTables> | undefined;

/**
 * The texts' files of the build's grouped files, as the browser build recorded them: read once, while the
 * build prerenders the pages. (The dev server's files hold their texts.)
 */
export function builtTextTables(): Promise<TextTables> {
	built ??= import('node:fs').then(
		({ readFileSync }) => JSON.parse(readFileSync(TEXT_TABLES_FILE, 'utf8')) as TextTables
	);
	return built;
}

let builtImports: Promise<StaticImports> | undefined;

/**
 * The static imports of each file of the browser build, from its manifest: read once, while the build
 * prerenders the pages (see $lib/module-preloads).
 */
export function builtStaticImports(): Promise<StaticImports> {
	builtImports ??= import('node:fs').then(({ readFileSync }) =>
		staticImportsOf(JSON.parse(readFileSync(CLIENT_MANIFEST_FILE, 'utf8')) as BuildManifest)
	);
	return builtImports;
}

/** A page's inline script as sent (null: none), given the UI texts it asks for. */
function scriptOf(
	pathname: string,
	texts: PageTexts,
	pools: () => FirstPools
): Promise<string> | null {
	if (pathname === '/train') return earlyStartScript(pools(), texts);
	const parts = [
		...(EARLY_PAGES[pathname] ? [earlyPageSource(EARLY_PAGES[pathname])] : []),
		...(Object.keys(texts).length > 0 ? [textStartSource(texts)] : [])
	];
	return parts.length > 0 ? minify(parts.join(';')) : null;
}

/**
 * Where a page's early markup goes: right after its character encoding (which must stay within the page's
 * first 1024 bytes), else at the top of its `<head>`; before anything that is fetched either way.
 */
const HEAD_START = [/<meta charset="[^"]*"\s*\/?>/i, /<head>/i];

/** `html` with `markup` put at the start of its head (see HEAD_START). */
function atHeadStart(html: string, markup: string): string {
	const at = HEAD_START.find((place) => place.test(html));
	return at ? html.replace(at, (found) => found + markup) : html;
}

/** The policy SvelteKit writes into a prerendered page (see server/page-csp.js). */
const CSP_META = /(<meta http-equiv="content-security-policy" content="[^"]*script-src )([^;"]*)/i;

/**
 * A page's inline script with its hash added to the page's policy. Only where that policy is in the page
 * (prerendered pages, where SvelteKit hashes its own script too): elsewhere (the dev server's nonces) the
 * page goes without it, and the app fetches what the script would have.
 */
async function withScript(
	html: string,
	pathname: string,
	texts: PageTexts,
	pools: () => FirstPools
): Promise<string> {
	if (!CSP_META.test(html)) return html;
	const script = await scriptOf(pathname, texts, pools);
	if (script === null) return html;
	const hash = createHash('sha256').update(script).digest('base64');
	return atHeadStart(
		html.replace(
			CSP_META,
			(_, head: string, sources: string) => `${head}${sources} 'sha256-${hash}'`
		),
		`<script>${script}</script>`
	);
}

/** What goes into a page's HTML besides the page (see `withPreloads`). */
export interface PreloadSources {
	/** The texts' files of the build's grouped files (see `builtTextTables`). */
	tables?: TextTables;
	/** The scripts SvelteKit has the page preload (see `preload` in src/hooks.server.ts). */
	scripts?: readonly string[];
	/** The static imports of the build's files (see `builtStaticImports`): what `scripts` lack is added. */
	imports?: StaticImports;
	/** The scenarios a new learner's Quick 10 can begin with (see `firstPools`); asked for by the drill page only. */
	pools: () => FirstPools;
}

/**
 * A page's HTML with what it starts at once: its inline script (see the top of this file), right at the
 * start of its head, and a preload of each script its scripts import that SvelteKit left out of its list
 * (see $lib/module-preloads).
 */
export function withPreloads(
	html: string,
	pathname: string,
	{ tables = {}, scripts = [], imports = {}, pools }: PreloadSources
): Promise<string> {
	const whole = withModulePreloads(html, missingPreloads(scripts, imports));
	return withScript(whole, pathname, pageTexts(scripts, tables), pools);
}
