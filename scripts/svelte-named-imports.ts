/**
 * SvelteKit's client router reads Svelte through a namespace import (`import * as svelte from 'svelte'`,
 * then `const { onMount, tick } = svelte`, `svelte.untrack ?? …`, `svelte.fork`, `svelte.settled?.()`), so
 * that it runs with Svelte versions that lack some of them. The bundler keeps a namespace read that way
 * whole, as an object of every export of `svelte`: the legacy lifecycle functions, `hydrate`,
 * `createEventDispatcher`, `createRawSnippet` and the rest, with all they import, in the file every page
 * loads although no page calls them (1.0 KB gzip, measured). Here the router's reads become named imports
 * of the same exports, which the bundler keeps only where used. This app's Svelte has every one of them;
 * a read the bundler cannot resolve fails the build. Any other use of the namespace (passed on as a value,
 * read by a computed key) stops the build naming the file, rather than passing unseen.
 */
import { parseAst } from 'rolldown/parseAst';
import type { Plugin } from 'vite';
import { walk, type Node } from './compact-messages.js';

/** SvelteKit's client router, the one module of the framework that reads Svelte through a namespace. */
export const KIT_CLIENT = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]client\.js$/;

/** The local name a read export takes: one no module of the router's can already be using. */
const alias = (name: string) => `svelte_named_${name}`;

/**
 * `code` with its namespace import of `svelte` turned into named imports, as above; `code` itself when it
 * has none. Throws, naming `file`, on a use of the namespace other than a named read or a destructuring.
 */
export function namedSvelteImports(code: string, file: string): string {
	const fail = (why: string): never => {
		throw new Error(
			`${file}: Svelte's namespace import is used in a way this build cannot rewrite (${why})`
		);
	};
	const program = parseAst(code) as unknown as Node;
	const imports = (program.body as Node[]).filter(
		(s) => s.type === 'ImportDeclaration' && (s.source as Node).value === 'svelte'
	);
	const namespaces = imports.filter((s) =>
		(s.specifiers as Node[]).some((x) => x.type === 'ImportNamespaceSpecifier')
	);
	if (namespaces.length === 0) return code;
	if (namespaces.length > 1 || (namespaces[0]!.specifiers as Node[]).length > 1)
		fail('more than one name in its import');
	const declaration = namespaces[0]!;
	const local = ((declaration.specifiers as Node[])[0]!.local as Node).name as string;

	const cuts: { start: number; end: number; with: string }[] = [];
	// Each export under each local name it takes (an export may be both destructured and read: `tick` and
	// `svelte.tick()`), with where it is first read: the import lists them in the module's order.
	const named = new Map<string, { exported: string; as: string; at: number }>();
	const name = (exported: string, as: string, at: number) => {
		const key = `${exported} as ${as}`;
		if ((named.get(key)?.at ?? Infinity) > at) named.set(key, { exported, as, at });
	};
	for (const { node: n, parent } of walk(program)) {
		if (n.type !== 'Identifier' || n.name !== local || !parent) continue;
		if (parent.type === 'ImportNamespaceSpecifier') continue;
		// `svelte.name`, `svelte.name?.()`: the read becomes the export's own name.
		if (parent.type === 'MemberExpression' && parent.object === n && !parent.computed) {
			const read = (parent.property as Node).name as string;
			name(read, alias(read), parent.start);
			// The read's own line breaks (`svelte\n.tick()`) follow the name, so that lines keep their numbers.
			const breaks = code.slice(parent.start, parent.end).replace(/[^\n]/g, '');
			cuts.push({ start: parent.start, end: parent.end, with: alias(read) + breaks });
			continue;
		}
		// `const { onMount, tick } = svelte;`: the names are imported as they are, the statement goes.
		if (parent.type === 'VariableDeclarator' && parent.init === n) {
			const pattern = parent.id as Node;
			if (pattern.type !== 'ObjectPattern') fail('assigned whole');
			for (const p of pattern.properties as Node[]) {
				const key = p.key as Node;
				const value = p.value as Node;
				if (p.type !== 'Property' || p.computed || value.type !== 'Identifier')
					fail('destructured by a pattern');
				name(key.name as string, value.name as string, p.start);
			}
			const statement = (program.body as Node[]).find(
				(s) => s.type === 'VariableDeclaration' && (s.declarations as Node[]).includes(parent)
			);
			if (!statement || (statement.declarations as Node[]).length !== 1)
				fail('destructured beside another name');
			cuts.push({ start: statement!.start, end: statement!.end, with: '' });
			continue;
		}
		fail(`used as a value at offset ${n.start}`);
	}
	const specifiers = [...named.values()]
		.sort((a, b) => a.at - b.at)
		.map(({ exported, as }) => (exported === as ? exported : `${exported} as ${as}`));
	cuts.push({
		start: declaration.start,
		end: declaration.end,
		with: `import { ${specifiers.join(', ')} } from 'svelte';`
	});
	// Cut from the end, so that the earlier offsets hold. No cut adds or removes a line break, so the
	// module's lines keep their numbers (the plugin leaves the source map as it is).
	return cuts
		.sort((a, b) => b.start - a.start)
		.reduce((s, c) => s.slice(0, c.start) + c.with + s.slice(c.end), code);
}

/** The Vite plugin: SvelteKit's client router rewritten as above in the browser build. */
export function svelteNamedImports(): Plugin {
	return {
		name: 'fraud-drill:svelte-named-imports',
		apply: 'build',
		transform: {
			filter: { id: KIT_CLIENT },
			handler(code, id, options) {
				if (options?.ssr) return null;
				return { code: namedSvelteImports(code, id), map: null };
			}
		}
	};
}
