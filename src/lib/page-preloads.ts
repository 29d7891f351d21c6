/**
 * What a page's HTML asks the browser to fetch at once, beside its scripts. Pages are client-rendered, so
 * a request made by page code starts only after all of the app's scripts have arrived and run; a
 * `<link rel="preload">` in the HTML starts it while they are still on their way. Only for files the page
 * is sure to need at once: a preload left unused costs a phone bytes for nothing.
 */

/** The drill page fetches the bank's index in its load function (see `$lib/bank-client`). */
const PRELOADS: Record<string, readonly string[]> = {
	'/train': ['/bank-index.json']
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

/** Puts the page's preload links at the top of its `<head>`, before anything else is fetched. */
export function withPreloads(html: string, pathname: string): string {
	const links = preloadLinks(pathname);
	if (!links) return html;
	return html.replace(/<head>/i, (head) => head + links);
}
