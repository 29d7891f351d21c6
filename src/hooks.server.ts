import { building, dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { getRooms, offerNodeRoutes } from '$lib/server/live';
import { errorResponse, missingAddressHeader } from '$lib/server/live/http';
import { compactPage, compactPageForBuild } from '$lib/page-compact';
import { builtStaticImports, builtTextTables, withPreloads } from '$lib/page-preloads';
import { bankIndex } from '$lib/quiz/catalog';
import { firstPools } from '$lib/quiz/quick-ahead';
import { getBank } from '$lib/server/bank';
import type { Handle, ServerInit } from '@sveltejs/kit';

/**
 * At server start, rebuild every open live room from the SQLite store, so that timers resume and phones
 * that reconnect find their room at once, and offer the phones' hot routes to the server entry. Not while
 * building: prerendering must not open the store.
 */
export const init: ServerInit = () => {
	if (building) return;
	getRooms();
	offerNodeRoutes();
};

/**
 * Behind a proxy (`ADDRESS_HEADER` set), every live request must carry the header the proxy adds, because
 * join limits and stream caps count per client address. A request without it did not come through the
 * proxy (or the proxy is misconfigured): it gets a 400 with a reason code instead of the adapter's 500.
 */
export const handle: Handle = ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/api/live/')) {
		const refused = missingAddressHeader(env.ADDRESS_HEADER, (name) =>
			event.request.headers.has(name)
		);
		if (refused) return errorResponse(refused);
	}
	// Prerendered pages too: a page's HTML goes without its template's comments and indentation (see
	// $lib/page-compact), and what it starts at once goes into it (see $lib/page-preloads): its UI texts
	// among them, those of the scripts SvelteKit has it preload (noted as SvelteKit decides them), and
	// the scripts those import that SvelteKit leaves out (see $lib/module-preloads). Not on the
	// dev server, where SvelteKit warns on every page whose comments are removed (they matter to pages that
	// hydrate; this app's pages render in the browser only), and where readable HTML helps. Pages the build
	// prerenders (all but a live room's) get their styles minified too.
	const scripts: string[] = [];
	return resolve(event, {
		preload: ({ type, path }) => {
			if (type === 'js') scripts.push(path);
			return type === 'js' || type === 'css';
		},
		transformPageChunk: async ({ html }) =>
			withPreloads(
				dev ? html : building ? await compactPageForBuild(html) : compactPage(html),
				event.url.pathname,
				{
					tables: building ? await builtTextTables() : {},
					scripts,
					imports: building ? await builtStaticImports() : {},
					pools: () => firstPools(bankIndex(getBank()))
				}
			)
	});
};
