/**
 * The UI messages in the browser build, smaller. Paraglide compiles each message into a module of its own:
 * a function per locale and a third that picks between them by the active locale. Minified, the picker is
 * `((e={},t={})=>(t.locale??$())===`zh-CN`?F(e):P(e))` with names of its own in every message, most of a
 * short message's bytes; the drill page's first question needs about 160 of them. Here each message's
 * picker becomes one call of a picker shared by all (`byLocale` in src/lib/i18n/by-locale.ts) with the two
 * texts' functions written in: `x=B(()=>`Phone call`,()=>`电话`)`. The texts and their code are Paraglide's
 * own, untouched; a message of any other shape stops the build naming its file, rather than passing unseen.
 */
import { resolve } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import type { Plugin } from 'vite';

/** A compiled message module (not the index that re-exports them all). */
export const MESSAGE_MODULE =
	/[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/](?!_index\.js$)[^\\/]+\.js$/;

/**
 * The locales the picker knows, in the order `byLocale` takes their texts: the base locale first (a unit
 * test holds the list to the app's). scripts/text-tables.ts splits those texts in the same order.
 */
export const LOCALES = ['en', 'zh-CN'] as const;

/** The few node shapes read here, as the parser gives them (ESTree, with UTF-16 offsets). */
export interface Node {
	type: string;
	start: number;
	end: number;
	[key: string]: unknown;
}
/** Whether a value is a parsed node (an object with a `type`), not a value or a list. */
export const isNode = (x: unknown): x is Node =>
	typeof x === 'object' && x !== null && typeof (x as Node).type === 'string';
/** Every node under `root`, depth first, with the key it sits under in its parent. */
export function* walk(
	root: Node,
	key = ''
): Generator<{ node: Node; key: string; parent: Node | null }> {
	const stack: { node: Node; key: string; parent: Node | null }[] = [
		{ node: root, key, parent: null }
	];
	while (stack.length > 0) {
		const item = stack.pop()!;
		yield item;
		for (const [k, value] of Object.entries(item.node)) {
			for (const child of Array.isArray(value) ? value : [value])
				if (isNode(child)) stack.push({ node: child, key: k, parent: item.node });
		}
	}
}

const node = (x: unknown): Node | null => (isNode(x) ? x : null);
const list = (x: unknown): Node[] =>
	Array.isArray(x) ? x.map(node).filter((n) => n !== null) : [];

/** The single `const name = init` of a declaration statement (null: anything else). */
function constOf(statement: Node | null): { name: string; init: Node } | null {
	if (statement?.type !== 'VariableDeclaration' || statement.kind !== 'const') return null;
	const [declarator, ...more] = list(statement.declarations);
	const id = node(declarator?.id);
	const init = node(declarator?.init);
	if (more.length > 0 || id?.type !== 'Identifier' || !init) return null;
	return { name: id.name as string, init };
}

/** The function a `return f(inputs)` statement calls (null: anything else). */
function returned(statement: Node | null): string | null {
	const call = node(statement?.type === 'ReturnStatement' ? statement.argument : null);
	const callee = node(call?.callee);
	return call?.type === 'CallExpression' && callee?.type === 'Identifier'
		? (callee.name as string)
		: null;
}

/**
 * The picker's choice: which function serves which locale. Paraglide writes
 * `const locale = …; if (locale === "zh-CN") return zh(inputs); return en(inputs)`.
 */
function choice(picker: Node): Record<(typeof LOCALES)[number], string> | null {
	const body = node(picker.body);
	const [first, test, last, ...more] = list(body?.body);
	if (picker.type !== 'ArrowFunctionExpression' || more.length > 0) return null;
	if (constOf(first ?? null)?.name !== 'locale' || test?.type !== 'IfStatement' || test.alternate)
		return null;
	const cond = node(test.test);
	const right = node(cond?.right);
	if (cond?.type !== 'BinaryExpression' || cond.operator !== '===' || right?.value !== 'zh-CN')
		return null;
	const zh = returned(node(test.consequent));
	const en = returned(last ?? null);
	return zh && en ? { en, 'zh-CN': zh } : null;
}

/**
 * A compiled message module rewritten to call `byLocale` (imported from `helper`) with its texts'
 * functions written in. Throws, naming `file`, when the module is not of the shape Paraglide compiles.
 */
export function compactMessage(code: string, file: string, helper: string): string {
	const fail = (why: string): never => {
		throw new Error(`${file}: not a compiled UI message as expected (${why})`);
	};
	const body = list(parseAst(code).body);
	// The message: a const whose value is the locale switch, exported as it is or, for a key that is not a
	// name, under its key (`export { appname1 as "appName" }`, left as it is).
	const switches = body.flatMap((statement) => {
		const exported = statement.type === 'ExportNamedDeclaration';
		const message = constOf(exported ? node(statement.declaration) : statement);
		const picks = message && choice(message.init);
		return picks ? [{ statement, exported, name: message.name, picks }] : [];
	});
	if (switches.length !== 1) fail(`${switches.length} locale switches`);
	const { statement, exported, name, picks } = switches[0]!;
	const texts = LOCALES.map((locale) => {
		const declaration = body.find((s) => constOf(s)?.name === picks[locale]);
		const text = constOf(declaration ?? null)?.init;
		if (!declaration || text?.type !== 'ArrowFunctionExpression') fail(`no function for ${locale}`);
		return { declaration: declaration!, source: code.slice(text!.start, text!.end) };
	});
	const replaced = `${exported ? 'export ' : ''}const ${name} = /* @__PURE__ */ byLocale(${texts.map((t) => t.source).join(', ')});`;
	// The switch read the locale through Paraglide's runtime; `byLocale` reads the app's own, so the import
	// goes too and the build keeps none of that runtime (not even its module's top-level statements).
	const runtime = body.filter(
		(s) => s.type === 'ImportDeclaration' && node(s.source)?.value === '../runtime.js'
	);
	// Cut from the end, so that the earlier offsets hold.
	const cuts = [
		...runtime.map((s) => ({ start: s.start, end: s.end, with: '' })),
		...texts.map((t) => ({ start: t.declaration.start, end: t.declaration.end, with: '' })),
		{ start: statement.start, end: statement.end, with: replaced }
	].sort((a, b) => b.start - a.start);
	const out = cuts.reduce((s, c) => s.slice(0, c.start) + c.with + s.slice(c.end), code);
	return `import { byLocale } from ${JSON.stringify(helper)};\n${out}`;
}

/** Paraglide's runtime module (the locale-resolving strategies, cookies, URL localising). */
export const RUNTIME_MODULE = /[\\/]src[\\/]lib[\\/]paraglide[\\/]runtime\.js$/;

/**
 * The Vite plugin: every compiled message of the build rewritten as above (not the dev server, not tests).
 * Paraglide's runtime is marked free of side effects: its top-level statements only prepare its own
 * strategies (a global for its server middleware, a cookie pattern), which the app does not use, so the
 * build drops the module with the last use of its exports instead of keeping those statements on every page.
 */
export function compactMessages(): Plugin {
	const helper = resolve('src/lib/i18n/by-locale.ts');
	return {
		name: 'fraud-drill:compact-messages',
		apply: 'build',
		transform: {
			filter: { id: [MESSAGE_MODULE, RUNTIME_MODULE] },
			handler(code, id) {
				if (RUNTIME_MODULE.test(id)) return { code, map: null, moduleSideEffects: false };
				return { code: compactMessage(code, id, helper), map: null };
			}
		}
	};
}
