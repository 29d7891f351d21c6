/**
 * SvelteKit hands the client router each page's and layout's module (`+page.ts`: its `load`, `ssr`,
 * `prerender`) as a namespace: its generated route files read `import * as universal from '…/+page.ts';
 * export { universal };`. The bundler builds a namespace object that is passed on with a helper of its
 * own, and it puts that helper in a file of its own, shared with the helpers it needs for CommonJS
 * packages: one more file (0.64 KB gzip, measured) and one more request before the drill's first
 * question, for two objects of two properties each. Here those route files export a plain object of the
 * same exports instead, which the router reads the same way (it reads the exports by name: `load`,
 * `ssr`, `trailingSlash` and the other page options). A route file of any other shape stops the build
 * naming it, rather than passing unseen.
 */
import type { Plugin } from 'vite';

/** A route file SvelteKit generates for the browser build (`nodes/<n>.js`). */
export const ROUTE_FILE =
	/[\\/]\.svelte-kit[\\/]generated[\\/]client-optimized[\\/]nodes[\\/]\d+\.js$/;

/** The statements SvelteKit writes for a route with a universal module, as they read. */
const NAMESPACE = /^import \* as universal from ("[^"\n]+");\nexport \{ universal \};$/m;

/** The module a route file reads as a namespace (its specifier, as written), or null when it has none. */
export function universalModule(code: string, file: string): string | null {
	const match = NAMESPACE.exec(code);
	if (match) return JSON.parse(match[1]!) as string;
	if (/\buniversal\b/.test(code))
		throw new Error(
			`${file}: a route file of a shape this build does not know (it names "universal")`
		);
	return null;
}

/**
 * `code` with its namespace read of `specifier` replaced by a plain object of the module's `exports`.
 * Throws, naming `file`, when an export is not a plain name (a re-export of all of another module's).
 */
export function plainUniversal(code: string, file: string, exports: readonly string[]): string {
	const bad = exports.find((name) => !/^[A-Za-z_$][\w$]*$/.test(name) || name === 'default');
	if (bad !== undefined)
		throw new Error(
			`${file}: its page module exports "${bad}", which this build cannot list by name`
		);
	return code.replace(NAMESPACE, (_all, specifier: string) =>
		[
			`import { ${exports.join(', ')} } from ${specifier};`,
			`export const universal = { ${exports.join(', ')} };`
		].join('\n')
	);
}

/** The Vite plugin: the browser build's route files rewritten as above. */
export function routeModuleObjects(): Plugin {
	return {
		name: 'fraud-drill:route-module-objects',
		apply: 'build',
		transform: {
			filter: { id: ROUTE_FILE },
			async handler(code, id) {
				const specifier = universalModule(code, id);
				if (specifier === null) return null;
				const resolved = await this.resolve(specifier, id);
				if (!resolved) throw new Error(`${id}: cannot find its page module ${specifier}`);
				const { exports } = await this.load({ id: resolved.id });
				return { code: plainUniversal(code, id, exports), map: null };
			}
		}
	};
}
