/**
 * The UI messages' texts of some of the grouped files (scripts/build-chunks.ts), one file per locale: those
 * vite.config.ts names (the drill's own file, which holds most of the texts a first question waits for).
 * Each of their messages held its English and its Chinese text (`byLocale(en, zh)`, see
 * scripts/compact-messages.ts): every learner downloaded both languages. Here, as such a file is written,
 * every message whose two texts use nothing but their own inputs keeps only its place in a table,
 * `byLocale(i, table)`, and the texts go to one file per locale beside it
 * (`text-<group>.<locale>.<hash>.js`). The grouped file starts fetching its locale's texts as it runs and
 * finishes loading once they are in (a top-level `await`), so no message is called before its texts are
 * there; the pages' HTML asks for that file at once, beside the scripts (see src/lib/text-preloads.ts),
 * and a switch of language fetches the other locale's first (see src/lib/i18n/by-locale.ts). A message
 * whose texts use anything else (a plural rule) keeps both texts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { minifySync } from 'rolldown/utils';
import type { Plugin } from 'vite';
import { TEXT_TABLES_FILE, type TextTables } from '../src/lib/text-preloads.js';
import { isNode, LOCALES, walk, type Node } from './compact-messages.js';

/** The name the grouped file gives the table of its texts. */
const TABLE = '__texts';

/**
 * Whether a text's function uses nothing but its own parameters: then it means the same in a file of its
 * own. (Property names, `i?.count`, are not uses.)
 */
export function selfContained(fn: Node): boolean {
	if (fn.type !== 'ArrowFunctionExpression') return false;
	const params = fn.params as Node[];
	if (!params.every((p) => p.type === 'Identifier')) return false;
	const own = new Set(params.map((p) => p.name as string));
	for (const { node, key, parent } of walk(fn.body as Node)) {
		if (node.type !== 'Identifier') continue;
		const name = parent?.type === 'MemberExpression' && key === 'property' && !parent.computed;
		const prop = parent?.type === 'Property' && key === 'key' && !parent.computed;
		if (!name && !prop && !own.has(node.name as string)) return false;
	}
	return true;
}

/** The local name `byLocale` has in a file as written: declared there, or imported from another. */
function byLocaleName(program: Node): string | null {
	for (const { node, key, parent } of walk(program)) {
		const named =
			(node.type === 'FunctionDeclaration' && isNode(node.id) && (node.id.name as string)) ||
			(node.type === 'ImportSpecifier' &&
				isNode(node.local) &&
				key === 'specifiers' &&
				parent?.type === 'ImportDeclaration' &&
				(node.local.name as string));
		if (named && /^byLocale(?:\$\d+)?$/.test(named)) return named;
	}
	return null;
}

/** A grouped file's code with its texts taken out, and the texts' files' code per locale. */
export interface SplitTexts {
	code: string;
	/** Per locale, a module whose default export is the list of texts (null: no message moved). */
	tables: Record<(typeof LOCALES)[number], string> | null;
}

/**
 * Takes the texts out of a grouped file as written by the bundler (before minifying): each
 * `byLocale(en, zh)` call whose two functions are self-contained becomes `byLocale(i, __texts)`; the file
 * gets the table (`__texts`, its locales' files named by `url`) at its top and waits for its texts at its
 * end. `url` names the file of a locale's texts (given its code), as the grouped file imports it.
 * Unchanged when nothing moves.
 */
export function splitTexts(
	code: string,
	url: (locale: (typeof LOCALES)[number], source: string) => string
): SplitTexts {
	const program = parseAst(code) as unknown as Node;
	const name = byLocaleName(program);
	if (!name) return { code, tables: null };
	const moved: { start: number; end: number; texts: string[] }[] = [];
	for (const { node } of walk(program)) {
		const callee = node.callee;
		if (node.type !== 'CallExpression' || !isNode(callee) || callee.name !== name) continue;
		const args = node.arguments as Node[];
		if (args.length !== 2 || !args.every(selfContained)) continue;
		moved.push({
			start: node.start,
			end: node.end,
			texts: args.map((a) => code.slice(a.start, a.end))
		});
	}
	if (moved.length === 0) return { code, tables: null };
	moved.sort((a, b) => a.start - b.start);
	// Cut from the end, so that the earlier offsets hold.
	let out = code;
	for (let i = moved.length - 1; i >= 0; i--)
		out = `${out.slice(0, moved[i]!.start)}${name}(${i}, ${TABLE})${out.slice(moved[i]!.end)}`;
	const tables = Object.fromEntries(
		LOCALES.map((locale, l) => {
			const source = `export default [${moved.map((m) => m.texts[l]).join(',\n')}];\n`;
			const { code: min, errors } = minifySync(`text.${locale}.js`, source);
			if (errors.length > 0) throw new Error(`texts (${locale}): ${errors[0]?.message}`);
			return [locale, min];
		})
	) as Record<(typeof LOCALES)[number], string>;
	const load = LOCALES.map(
		(locale) =>
			`${JSON.stringify(locale)}: () => import(${JSON.stringify(url(locale, tables[locale]))})`
	).join(', ');
	// The table goes after the imports (a `var`, so that every message finds it, wherever it sits); the
	// wait, at the end: the file's own code has run by then, `byLocale` included.
	const lastImport = (program.body as Node[]).filter((s) => s.type === 'ImportDeclaration').at(-1);
	const at = lastImport?.end ?? 0;
	out = `${out.slice(0, at)}\nvar ${TABLE} = { load: { ${load} } };\n${out.slice(at)}\nawait ${TABLE}.ready;\n`;
	return { code: out, tables };
}

/** A file name's hash part: the content's, so that a changed text is a new file. */
const hashOf = (source: string) =>
	createHash('sha256').update(source).digest('base64url').slice(0, 10).replace(/[-_]/g, 'x');

/**
 * The Vite plugin: the texts of the browser build's grouped files named in `groups` go to files of their
 * own, per locale, beside them. Each such file is recorded as an asset of its grouped file (so the service
 * worker precaches it), and the list of them is written to TEXT_TABLES_FILE for the pages' HTML to ask for
 * them (see src/lib/text-preloads.ts).
 */
export function textTables(groups: readonly string[]): Plugin {
	const found = new Map<string, Record<string, string>>();
	let ssr = false;
	return {
		name: 'fraud-drill:text-tables',
		apply: 'build',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		renderChunk(code, chunk) {
			if (ssr || !groups.includes(chunk.name)) return null;
			const dir = posix.dirname(chunk.fileName);
			const files: Record<string, string> = {};
			const split = splitTexts(code, (locale, source) => {
				const base = `text-${chunk.name}.${locale}.${hashOf(source)}.js`;
				files[locale] = base;
				this.emitFile({ type: 'asset', fileName: posix.join(dir, base), source });
				// An asset of the grouped file in the build's manifest: the service worker precaches it.
				chunk.viteMetadata?.importedAssets.add(posix.join(dir, base));
				return `./${base}`;
			});
			if (!split.tables) return null;
			found.set(chunk.name, files);
			return { code: split.code, map: null };
		},
		writeBundle(_options, bundle) {
			if (ssr) return;
			const list: TextTables = {};
			for (const file of Object.values(bundle)) {
				const texts = file.type === 'chunk' ? found.get(file.name) : undefined;
				if (!texts) continue;
				const dir = posix.dirname(file.fileName);
				list[file.fileName] = Object.fromEntries(
					Object.entries(texts).map(([locale, base]) => [locale, posix.join(dir, base)])
				);
			}
			mkdirSync(dirname(TEXT_TABLES_FILE), { recursive: true });
			writeFileSync(TEXT_TABLES_FILE, JSON.stringify(list));
		}
	};
}
