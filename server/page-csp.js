/**
 * The Content-Security-Policy of prerendered pages, sent as a response header by the built server.
 *
 * SvelteKit writes a prerendered page's policy (with the hashes of the page's own inline start-up script)
 * into the page as `<meta http-equiv>`. Chromium's preload scanner holds back every file named after such a
 * tag until the page's parser has reached it, so on a slow phone the page's scripts were asked for later
 * than they could be (about 130 ms at 4x CPU on a slow network, traced). The build therefore takes each
 * page's policy out of its HTML into `page-csp.json` (see `adapter.js`), and this middleware sends it, byte
 * for byte, as the header of that page's response. The service worker caches pages with their headers, so
 * a page served offline carries the same policy.
 *
 * The build copies this file into `build/` beside adapter-node's `index.js`, which runs it after the live
 * routes and before SvelteKit's handler.
 */
import { readFileSync } from 'node:fs';

/** The table's file name, in the build folder beside this file. */
export const PAGE_CSP_FILE = 'page-csp.json';

/**
 * The policy of each prerendered page by its path (`/`, `/train`, `/library/<id>`), read at the first
 * request. The build that took the policies out of the pages wrote the table in the same step; should it be
 * missing, every request fails loudly rather than a page going out without its policy.
 * @type {Map<string, string> | undefined}
 */
let table;

/** @returns {Map<string, string>} */
function policies() {
	if (!table) {
		const file = new URL(`./${PAGE_CSP_FILE}`, import.meta.url);
		table = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8'))));
	}
	return table;
}

/**
 * The path of a request as adapter-node matches it against the prerendered pages: without the query,
 * percent-decoded (left as it is when it does not decode).
 * @param {string} url
 */
export function requestPath(url) {
	const q = url.indexOf('?');
	const path = q < 0 ? url : url.slice(0, q);
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

/**
 * A middleware of adapter-node's server (polka): a request for a prerendered page gets that page's policy
 * as its Content-Security-Policy header (adapter-node's static file server keeps headers already set), then
 * every request goes on.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => unknown} next
 */
export function pageCsp(req, res, next) {
	const policy = policies().get(requestPath(req.url ?? '/'));
	if (policy !== undefined) res.setHeader('content-security-policy', policy);
	return next();
}
