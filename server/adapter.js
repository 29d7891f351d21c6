/**
 * adapter-node, with the live rooms' hot routes in front of SvelteKit in the built server. After
 * adapter-node has written `build/`, `live-handler.js` is copied into it and added as the first handler
 * of adapter-node's server (`index.js`, what `node build` runs): one call changes, so every setting of
 * adapter-node's server stays as it is. The build fails loudly if adapter-node's server ever stops
 * looking as expected, rather than shipping a server without the routes. `built-bank.js` goes beside it,
 * imported first: it hands the app the bank this build checked (see that file).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const KIT_USE = 'polka({ server: httpServer }).use(handler)';
const LIVE_USE = 'polka({ server: httpServer }).use(liveRoutes, handler)';
const LIVE_IMPORT = "import { liveRoutes } from './live-handler.js';\n";
const BANK_IMPORT = "import './built-bank.js';\n";

/**
 * Puts the live handler into a built adapter-node server in `out`.
 * @param {string} out
 */
export function installLiveHandler(out) {
	copyFileSync(join(here, 'live-handler.js'), join(out, 'live-handler.js'));
	copyFileSync(join(here, 'built-bank.js'), join(out, 'built-bank.js'));
	const entry = join(out, 'index.js');
	const source = readFileSync(entry, 'utf8');
	if (source.includes(LIVE_USE)) return;
	if (source.split(KIT_USE).length !== 2)
		throw new Error(
			`${entry}: adapter-node's "${KIT_USE}" was not found once; cannot put the live routes in front`
		);
	writeFileSync(entry, BANK_IMPORT + LIVE_IMPORT + source.replace(KIT_USE, LIVE_USE));
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
			await adapter.adapt(builder);
			installLiveHandler(out);
		}
	};
}
