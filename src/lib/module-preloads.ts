/**
 * A page's script preloads, made whole. SvelteKit lists the scripts a page's HTML preloads by walking the
 * browser build's manifest from the page's entry: static imports, and dynamic ones for their styles, in one
 * walk that visits each file once and lists a file only when that first visit came through static imports.
 * A file it first meets below a dynamic import is then left out even where a listed file imports it
 * statically. The browser finds such a file only once it has the file importing it and has parsed it (at
 * 4x CPU the home page asked for its three at 450 ms, its other scripts at 110 ms), and the page starts
 * only when all of its scripts are in: a round trip or more later on a phone. In the build measured, seven
 * pages lacked one to nine files (the check page 8.8 KB gzip of them, the home page 3.7 KB).
 *
 * Here each page's HTML gets a preload for every file its listed scripts import statically, whatever path
 * SvelteKit first met it by. Only what those scripts import at once: nothing a dynamic import loads later.
 */

/** The part of Vite's build manifest read here: each chunk's file and its static imports (by key). */
export type BuildManifest = Record<string, { file: string; imports?: string[] }>;

/** Where Vite writes the browser build's manifest (read while the build prerenders the pages). */
export const CLIENT_MANIFEST_FILE = '.svelte-kit/output/client/.vite/manifest.json';

/** Per file of the browser build (`_app/…`), the files it imports statically. */
export type StaticImports = Record<string, string[]>;

/** The static imports of each file of the build, by file. */
export function staticImportsOf(manifest: BuildManifest): StaticImports {
	const imports: StaticImports = {};
	for (const chunk of Object.values(manifest))
		imports[chunk.file] = (chunk.imports ?? []).flatMap((key) => manifest[key]?.file ?? []);
	return imports;
}

/** A script's file from its path or URL (`/_app/…`, `./_app/…`, `https://…/_app/…`), or null. */
function fileOf(script: string): string | null {
	const at = script.indexOf('_app/');
	return at < 0 ? null : script.slice(at).split(/[?#]/)[0]!;
}

/**
 * The files that `scripts` (a page's preloads, as paths or URLs naming `_app/…`) import statically, at any
 * depth, and that are not among them, in the order met (paths from the site's root, where the app is
 * served).
 */
export function missingPreloads(scripts: readonly string[], imports: StaticImports): string[] {
	const listed = new Set(scripts.map(fileOf).filter((file) => file !== null));
	const seen = new Set(listed);
	const missing: string[] = [];
	const stack = [...listed].reverse();
	while (stack.length > 0) {
		const file = stack.pop()!;
		for (const dep of imports[file] ?? []) {
			if (seen.has(dep)) continue;
			seen.add(dep);
			missing.push(`/${dep}`);
			stack.push(dep);
		}
	}
	return missing;
}

/** SvelteKit's script preloads in a page's HTML (`<link href="…" rel="modulepreload">`). */
const MODULE_PRELOAD = /<link href="[^"]*" rel="modulepreload">/g;

/** `html` with a preload of each of `files` after the last of the page's script preloads (if it has any). */
export function withModulePreloads(html: string, files: readonly string[]): string {
	if (files.length === 0) return html;
	const last = [...html.matchAll(MODULE_PRELOAD)].at(-1);
	if (!last) return html;
	const at = last.index + last[0].length;
	const links = files.map((file) => `<link href="${file}" rel="modulepreload">`).join('');
	return html.slice(0, at) + links + html.slice(at);
}
