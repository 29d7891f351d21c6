/**
 * adapter-node, with the live rooms' hot routes in front of SvelteKit in the built server. After
 * adapter-node has written `build/`, `live-handler.js` is copied into it and added as the first handler
 * of adapter-node's server (`index.js`, what `node build` runs): one call changes, so every setting of
 * adapter-node's server stays as it is. The build fails loudly if adapter-node's server ever stops
 * looking as expected, rather than shipping a server without the routes. `built-bank.js` goes beside it,
 * imported first: it hands the app the bank this build checked (see that file). `page-csp.js` comes
 * second: it sends each prerendered page's Content-Security-Policy as a header, the build having moved the
 * policy out of the page's `<meta>` (see that file and `liftPageCsp`).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_CSP_FILE } from './page-csp.js';

const here = dirname(fileURLToPath(import.meta.url));
const KIT_USE = 'polka({ server: httpServer }).use(handler)';
const LIVE_USE = 'polka({ server: httpServer }).use(liveRoutes, pageCsp, handler)';
const LIVE_IMPORT =
	"import { liveRoutes } from './live-handler.js';\nimport { pageCsp } from './page-csp.js';\n";
const BANK_IMPORT = "import './built-bank.js';\n";

/**
 * Puts the live handler into a built adapter-node server in `out`.
 * @param {string} out
 */
export function installLiveHandler(out) {
	copyFileSync(join(here, 'live-handler.js'), join(out, 'live-handler.js'));
	copyFileSync(join(here, 'built-bank.js'), join(out, 'built-bank.js'));
	copyFileSync(join(here, 'page-csp.js'), join(out, 'page-csp.js'));
	const entry = join(out, 'index.js');
	const source = readFileSync(entry, 'utf8');
	if (source.includes(LIVE_USE)) return;
	if (source.split(KIT_USE).length !== 2)
		throw new Error(
			`${entry}: adapter-node's "${KIT_USE}" was not found once; cannot put the live routes in front`
		);
	writeFileSync(entry, BANK_IMPORT + LIVE_IMPORT + source.replace(KIT_USE, LIVE_USE));
}

/** SvelteKit's policy tag in a prerendered page: its attribute escapes only `&` and `"` (and lone surrogates). */
const CSP_META = /<meta http-equiv="content-security-policy" content="([^"]*)">/gi;

/**
 * Takes the Content-Security-Policy `<meta>` tag SvelteKit wrote into a prerendered page out of it.
 * Refuses a page with no such tag or more than one, and a policy that cannot be a header value, rather
 * than let a page go out without its policy.
 * @param {string} html the page
 * @param {string} name the page's name, for the error
 * @returns {{ html: string, policy: string }} the page without the tag, and the policy as a header value
 */
export function liftCsp(html, name) {
	const tags = [...html.matchAll(CSP_META)];
	if (tags.length !== 1)
		throw new Error(`${name}: expected one content-security-policy <meta>, found ${tags.length}`);
	const [tag, content] = /** @type {[string, string]} */ (/** @type {unknown} */ (tags[0]));
	const policy = content.replace(/&(quot|amp|#(\d+));/g, (_, entity, code) =>
		entity === 'quot' ? '"' : entity === 'amp' ? '&' : String.fromCharCode(Number(code))
	);
	if (!/^[\x20-\x7e]+$/.test(policy))
		throw new Error(`${name}: its content-security-policy cannot be sent as a header: ${policy}`);
	return { html: html.replace(tag, ''), policy };
}

/**
 * Moves every prerendered page's policy from its HTML into the table `page-csp.js` serves as headers. It
 * runs as adapter-node writes the pages, before it compresses them (see `withLiveHandler`), so the gzip and
 * brotli copies are made from the page without its tag.
 * @param {string} out adapter-node's `out` folder
 * @param {ReadonlyMap<string, { file: string }>} pages the build's prerendered pages: path → HTML file
 */
export function liftPageCsp(out, pages) {
	/** @type {Record<string, string>} */
	const table = {};
	for (const [path, { file }] of pages) {
		const at = join(out, 'prerendered', file);
		const lifted = liftCsp(readFileSync(at, 'utf8'), file);
		table[path] = lifted.policy;
		writeFileSync(at, lifted.html);
	}
	writeFileSync(join(out, PAGE_CSP_FILE), JSON.stringify(table));
}

/**
 * Wraps adapter-node so its build serves the live routes first.
 * @param {import('@sveltejs/kit').Adapter} adapter adapter-node, as configured
 * @param {string} [out] adapter-node's `out` folder
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withLiveHandler(adapter, out = 'build') {
	return {
		...adapter,
		async adapt(builder) {
			// The policies leave the pages as adapter-node copies them, before it compresses them, so each
			// page is compressed once, without its tag.
			await adapter.adapt({
				...builder,
				writePrerendered(dest) {
					const written = builder.writePrerendered(dest);
					liftPageCsp(out, builder.prerendered.pages);
					return written;
				}
			});
			installLiveHandler(out);
		}
	};
}
