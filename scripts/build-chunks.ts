/**
 * How the browser build groups modules into files. Left to itself the bundler makes one file per set of
 * pages sharing a module, which gave the drill page 34 scripts before its first question, most under 1 KB;
 * on a phone's HTTP/1.1 link (six connections, a round trip each) that is several waits in a row. Here:
 * - `app`: what every page loads (the framework, the root layout and error page, the raw read of the display
 *   settings the layout applies as it mounts, and the UI messages they name), one file;
 * - `common`: what the drill page shares with the other pages that are not drills, one file;
 * - `page`: the rest of the drill page's code (and what only the other drills, /check and /present, share
 *   with it), one file.
 * Everything else is split as the bundler chooses.
 *
 * These three files also begin with V8's compile hint (see `COMPILE_HINT`): nearly every function in them
 * runs before the first question, so the browser compiles them while the files stream in rather than one
 * by one on the page's main thread as they are first called.
 */
import { resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The part of the bundler's module graph the grouping reads. */
export interface ModuleGraph {
	getModuleInfo(id: string): {
		importedIds: readonly string[];
		dynamicallyImportedIds: readonly string[];
		exports: readonly string[];
		code: string | null;
	} | null;
}

/** Every module reachable from `roots` through static imports (dynamic imports load later, on their own). */
export function staticClosure(graph: ModuleGraph, roots: readonly string[]): Set<string> {
	const seen = new Set<string>();
	const stack = [...roots];
	while (stack.length > 0) {
		const id = stack.pop()!;
		if (seen.has(id)) continue;
		seen.add(id);
		for (const next of graph.getModuleInfo(id)?.importedIds ?? []) stack.push(next);
	}
	return seen;
}

/**
 * The checks of stored records (`src/lib/progress/*-schema.ts`, `*-check.ts`, with the validation library
 * they use): storage imports them only when it has a record to check, which a first visit never has. So
 * they are not what a page loads as it starts, though its storage modules name them.
 */
const RECORD_CHECKS = /[\\/]src[\\/]lib[\\/]progress[\\/][^\\/]+-(?:schema|check)\.ts$/;

/**
 * Storage's library (localforage): pages read their stores straight from IndexedDB and import it only to
 * write (`src/lib/progress/db.ts`, `bulk.ts`), which a first visit does only after its first question. So
 * it is not what a page loads as it starts either, though the storage modules name it.
 */
const STORAGE_LIBRARY = /[\\/]localforage[\\/]dist[\\/]/;

/**
 * Storage's own modules (`src/lib/progress/*`), where the code every page shares imports them at run time:
 * every page reads its stores as it starts through a few small modules it imports statically (the raw read
 * of progress/probe.ts, the display settings of progress/settings-start.ts), and loads the rest, which
 * checks a stored record, sets it aside or writes (a change of language), only when a record is found or
 * to write. So the rest is not what every page loads as it starts. (A page's own run-time imports of them
 * still count as what it shares with the drill: see `groupOf`.)
 */
const STORAGE_CODE = /[\\/]src[\\/]lib[\\/]progress[\\/]/;

/**
 * What `roots` load: their static imports, and the app's own dynamic imports among them with theirs, which
 * run as the pages start. Only the app's own (`ownCode`): SvelteKit's generated app module imports every
 * page that way. The checks of stored records and storage's library are left out (see RECORD_CHECKS and
 * STORAGE_LIBRARY), and so is what `later` matches.
 */
export function loadedClosure(
	graph: ModuleGraph,
	roots: readonly string[],
	ownCode: (id: string) => boolean,
	later?: RegExp
): Set<string> {
	let closure = staticClosure(graph, roots);
	for (let size = 0; size !== closure.size;) {
		size = closure.size;
		const dynamic = [...closure]
			.filter(ownCode)
			.flatMap((id) => graph.getModuleInfo(id)?.dynamicallyImportedIds ?? [])
			.filter((id) => !RECORD_CHECKS.test(id) && !STORAGE_LIBRARY.test(id))
			.filter((id) => !later?.test(id));
		closure = staticClosure(graph, [...roots, ...dynamic]);
	}
	return closure;
}

// UI messages: one module per message, all re-exported by one index, and each page keeps only the ones
// its code calls (`m.<name>`, resolved through the index). Reachability through the index would keep every
// message, so a message goes with the code that names it instead.
const MESSAGES = /[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/]/;
const MESSAGE_CALL = /\bm\.([A-Za-z_$][\w$]*)/g;

/** The message modules named by the code of `modules`, as `m.<name>`. */
function messagesNamed(
	graph: ModuleGraph,
	modules: Iterable<string>,
	byName: ReadonlyMap<string, string>
): Set<string> {
	const named = new Set<string>();
	for (const id of modules) {
		if (MESSAGES.test(id)) continue;
		for (const [, name] of graph.getModuleInfo(id)?.code?.matchAll(MESSAGE_CALL) ?? []) {
			const message = byName.get(name!);
			if (message) named.add(message);
		}
	}
	return named;
}

/** The build's entries as SvelteKit names them: `entry/start`, `entry/app`, `nodes/<n>`. */
export type Entries = Readonly<Record<string, string>>;

/** The file a module is grouped into (null: left to the bundler). */
export type Group = 'app' | 'common' | 'page';

/**
 * Which file each module goes in:
 * - `app`: what the `shared` entries reach (the client runtime, the root layout and error page), which
 *   every page loads;
 * - `common`: what the `page` entries reach that a `light` page (one that is not a drill) also reaches:
 *   one file for those pages to share with the drill, instead of one per set of pages;
 * - `page`: the rest of what the `page` entries reach (the drill's own code, and what only other drill
 *   pages share with it).
 * Each group holds every static import of its modules beyond the groups before it, so the files import
 * each other one way only (page → common → app). Entry modules stay in their own files (SvelteKit loads
 * them by name); a UI message goes with the code that names it (see MESSAGES). `ownCode` tells the app's
 * own modules from the framework's.
 */
export function groupOf(
	graph: ModuleGraph,
	shared: readonly string[],
	page: readonly string[],
	light: readonly string[],
	ownCode: (id: string) => boolean
): (id: string) => Group | null {
	// What the shared modules import at run time goes with them, but for storage's code beyond its raw reads
	// (see STORAGE_CODE). (This also keeps SvelteKit's preload list whole: a file it first meets as a dynamic
	// import is left out of the list where another file imports it.) Likewise a light page's own run-time
	// imports (the home page peeks at the saved drill) count as what it shares with the drill, so that they
	// never load the drill's file.
	const app = loadedClosure(graph, shared, ownCode, STORAGE_CODE);
	const lights = loadedClosure(graph, light, ownCode);
	const mine = staticClosure(graph, page);
	const entries = new Set([...shared, ...page, ...light]);
	const byName = new Map<string, string>();
	for (const id of app) {
		if (!MESSAGES.test(id)) continue;
		for (const name of graph.getModuleInfo(id)?.exports ?? []) byName.set(name, id);
	}
	const appMessages = messagesNamed(graph, app, byName);
	const myMessages = messagesNamed(graph, mine, byName);
	const lightMessages = messagesNamed(graph, lights, byName);
	return (id) => {
		if (entries.has(id)) return null;
		if (MESSAGES.test(id)) {
			if (appMessages.has(id)) return 'app';
			if (!myMessages.has(id)) return null;
			return lightMessages.has(id) ? 'common' : 'page';
		}
		if (app.has(id)) return 'app';
		if (!mine.has(id)) return null;
		return lights.has(id) ? 'common' : 'page';
	};
}

const GROUPS: readonly Group[] = ['app', 'common', 'page'];

/** Whether a file of the browser build is one of the groups above (its name is the group's). */
function isGroup(name: string): name is Group {
	return (GROUPS as readonly string[]).includes(name);
}

/**
 * V8's compile hint for a whole file (Chrome 136 and later; other engines read a comment). First in a file,
 * it has every function in it compiled as the file arrives, on a background thread, alongside the download
 * of the other files. Without it V8 only skims a function at first and compiles it on the main thread when
 * it is first called: for the code a page runs as it starts, that is a second parse and a wait before the
 * first question (a third of the time from the last byte to the first question at 4x CPU, measured). Only
 * for files whose code nearly all runs at start: compiling what never runs costs memory.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** A file's code with the compile hint as its first line (the hint counts only there). */
export function withCompileHint(code: string): string {
	return code.startsWith(COMPILE_HINT) ? code : `${COMPILE_HINT}\n${code}`;
}

/** The page entry (`nodes/<n>`) whose module imports the given route's files. */
function pageEntry(graph: ModuleGraph, entries: Entries, route: string): string | undefined {
	const suffix = `/src/routes${route}/+page`;
	return Object.entries(entries)
		.filter(([name]) => name.startsWith('nodes/'))
		.map(([, id]) => id)
		.find((id) =>
			graph.getModuleInfo(id)?.importedIds.some((dep) => dep.replace(/\\/g, '/').includes(suffix))
		);
}

/**
 * A Vite plugin grouping the browser build's modules as above, for the page at `route` (the drill) and the
 * other drill pages at `drillRoutes`. Leaves the server build alone.
 */
export function firstQuestionChunks(route: string, drillRoutes: readonly string[]): Plugin {
	let entries: Entries = {};
	let groups: ((id: string) => Group | null) | null = null;
	const grouped = (id: string, graph: ModuleGraph) => {
		if (!groups) {
			const shared = ['entry/start', 'entry/app', 'nodes/0', 'nodes/1']
				.map((name) => entries[name])
				.filter((id): id is string => id !== undefined);
			const page = pageEntry(graph, entries, route);
			const drills = drillRoutes.map((r) => pageEntry(graph, entries, r));
			const light = Object.entries(entries)
				.filter(([name, id]) => name.startsWith('nodes/') && !shared.includes(id))
				.map(([, id]) => id)
				.filter((id) => id !== page && !drills.includes(id));
			const src = resolve('src') + sep;
			groups = groupOf(graph, shared, page ? [page] : [], light, (id) => id.startsWith(src));
		}
		return groups(id);
	};
	return {
		name: 'fraud-drill:first-question-chunks',
		apply: 'build',
		generateBundle: {
			// After minifying (which would drop the comment) and after Vite has put its own code at the top
			// of a file (the list of files a dynamic import preloads), before the files are written.
			order: 'post',
			handler(_options, bundle) {
				// Only the browser build groups its files (`groups` stays unset in the server's).
				if (!groups) return;
				for (const file of Object.values(bundle))
					if (file.type === 'chunk' && isGroup(file.name)) {
						file.code = withCompileHint(file.code);
						// The source map, when one is made, follows its code one line down.
						if (file.map) file.map.mappings = `;${file.map.mappings}`;
					}
			}
		},
		config(config) {
			if (config.build?.ssr) return;
			return {
				build: {
					rollupOptions: {
						output: {
							codeSplitting: {
								// Higher priority first: a module taken by a group leaves the later ones.
								groups: GROUPS.map((group, i) => ({
									name: (id: string, ctx: ModuleGraph) =>
										grouped(id, ctx) === group ? group : null,
									priority: 3 - i
								}))
							}
						}
					}
				}
			};
		},
		buildStart(options) {
			const input = options.input;
			entries =
				input && !Array.isArray(input) && typeof input === 'object'
					? Object.fromEntries(Object.entries(input).map(([k, v]) => [k, resolve(v)]))
					: {};
			groups = null;
		}
	};
}
