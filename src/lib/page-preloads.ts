/**
 * What a page's HTML starts fetching at once, beside its scripts. Pages are client-rendered, so a request
 * made by page code starts only after all of the app's scripts have arrived and run; one started by the
 * HTML itself goes while they are still on their way. Only for files the page is sure to need at once.
 *
 * The drill page's HTML runs a small inline script, `earlyStart` of `$lib/quiz/quick-ahead`. The HTML is
 * one shell for both languages, and the drill's files are per locale, so a `<link rel="preload">` in it
 * could name only one of them: the script decides the locale as the app will, fetches the bank's index in
 * it, draws the scenario a new learner's Quick 10 begins with as soon as the index is in, and fetches it,
 * instead of the app doing so after its scripts have arrived and run (a round trip later on a phone). The
 * page's Content-Security-Policy allows it by its hash, added beside SvelteKit's own.
 */
import { createHash } from 'node:crypto';
import { EARLY_START, indexPath, scenarioPath } from '$lib/bank-client';
import { heldScenarios } from '$lib/checks/hold';
import { LOCALE_MIRROR_KEY, locales, preferredLocale, startLocale } from '$lib/i18n/locale.svelte';
import { QUICK_SIZE } from '$lib/quiz/deck';
import { earlyStart, pickFirstScenario } from '$lib/quiz/quick-ahead';

/** The drill page's inline script as written: `earlyStart`, handed what it uses. */
export function earlyStartSource(): string {
	const args = [
		JSON.stringify(EARLY_START),
		JSON.stringify(LOCALE_MIRROR_KEY),
		JSON.stringify(locales),
		startLocale,
		preferredLocale,
		indexPath,
		scenarioPath,
		pickFirstScenario,
		heldScenarios,
		QUICK_SIZE
	];
	return `(${earlyStart})(${args.join(',')})`;
}

let minified: Promise<string> | undefined;

/**
 * The drill page's inline script as sent: its source minified by rolldown's minifier (the one the app's
 * own build uses), as every drill page's HTML carries it. The minifier is loaded only when a page needs the
 * script, that is while the build prerenders the pages: the server that serves the built app never does.
 */
export function earlyStartScript(): Promise<string> {
	minified ??= import('rolldown/utils').then(({ minifySync }) => {
		const { code, errors } = minifySync('early-start.js', earlyStartSource());
		if (errors.length > 0) throw new Error(`early start: ${errors[0]?.message}`);
		return code.trim();
	});
	return minified;
}

/** Pages whose HTML runs an inline script at once, and its text. */
const SCRIPTS: Record<string, () => Promise<string>> = {
	'/train': earlyStartScript
};

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
async function withScript(html: string, pathname: string): Promise<string> {
	const text = SCRIPTS[pathname];
	if (!text || !CSP_META.test(html)) return html;
	const script = await text();
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
 * A page's HTML with what it starts at once: the drill page's inline script (see the top of this file),
 * right at the start of its head.
 */
export function withPreloads(html: string, pathname: string): Promise<string> {
	return withScript(html, pathname);
}
