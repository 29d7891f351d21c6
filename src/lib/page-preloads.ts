/**
 * What a page's HTML asks the browser to fetch at once, beside its scripts. Pages are client-rendered, so
 * a request made by page code starts only after all of the app's scripts have arrived and run; a
 * `<link rel="preload">` in the HTML starts it while they are still on their way. Only for files the page
 * is sure to need at once: a preload left unused costs a phone bytes for nothing.
 *
 * The drill page's HTML also runs a small inline script, `earlyStart` of `$lib/quiz/quick-ahead`: it draws
 * the scenario a new learner's Quick 10 begins with as soon as the index is in, and fetches it, instead of
 * the app doing so after its scripts have arrived and run (a round trip later on a phone). The page's
 * Content-Security-Policy allows it by its hash, added beside SvelteKit's own.
 */
import { createHash } from 'node:crypto';
import { EARLY_START } from '$lib/bank-client';
import { heldScenarios } from '$lib/checks/hold';
import { QUICK_SIZE } from '$lib/quiz/deck';
import { earlyStart, pickFirstScenario } from '$lib/quiz/quick-ahead';

/** The drill page fetches the bank's index in its load function (see `$lib/bank-client`). */
const PRELOADS: Record<string, readonly string[]> = {
	'/train': ['/bank-index.json']
};

/** The text of the drill page's inline script: `earlyStart`, handed what it uses. */
export function earlyStartScript(): string {
	const args = [JSON.stringify(EARLY_START), JSON.stringify('/bank-index.json')];
	return `(${earlyStart})(${args.join(',')},${pickFirstScenario},${heldScenarios},${QUICK_SIZE})`;
}

/** Pages whose HTML runs an inline script at once, and its text. */
const SCRIPTS: Record<string, () => string> = {
	'/train': earlyStartScript
};

/**
 * The preload links for a page, as HTML. `as="fetch"` with `crossorigin="anonymous"` matches the page's
 * own `fetch()` of the same URL (same mode and credentials), so that fetch is answered from the preload.
 */
export function preloadLinks(pathname: string): string {
	const paths = PRELOADS[pathname] ?? [];
	return paths
		.map((path) => `<link rel="preload" href="${path}" as="fetch" crossorigin="anonymous">`)
		.join('');
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
function withScript(html: string, pathname: string): string {
	const script = SCRIPTS[pathname]?.();
	if (!script || !CSP_META.test(html)) return html;
	const hash = createHash('sha256').update(script).digest('base64');
	return atHeadStart(
		html.replace(
			CSP_META,
			(_, head: string, sources: string) => `${head}${sources} 'sha256-${hash}'`
		),
		`<script>${script}</script>`
	);
}

/**
 * Puts the page's preload links at the start of its head (see HEAD_START), before anything else is
 * fetched, then its inline script, if any, right after them.
 */
export function withPreloads(html: string, pathname: string): string {
	const links = preloadLinks(pathname);
	const scripted = withScript(html, pathname);
	return links ? atHeadStart(scripted, links) : scripted;
}
