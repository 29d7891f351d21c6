import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';
import { KIT_CLIENT, namedSvelteImports } from '../../scripts/svelte-named-imports';

// SvelteKit's client router as installed (its package exports do not name the file).
const kitRoot = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
const ROUTER = join(kitRoot, 'src/runtime/client/client.js');

/** The names a module imports from `svelte`, and whether it still imports the namespace. */
function svelteImports(code: string): { names: string[]; namespace: boolean } {
	const body = parseAst(code).body;
	const specifiers = body.flatMap((s) =>
		s.type === 'ImportDeclaration' && s.source.value === 'svelte' ? s.specifiers : []
	);
	return {
		names: specifiers.flatMap((s) =>
			s.type === 'ImportSpecifier' && s.imported.type === 'Identifier' ? [s.imported.name] : []
		),
		namespace: specifiers.some((s) => s.type === 'ImportNamespaceSpecifier')
	};
}

describe("SvelteKit's router reads Svelte by name (the build rewrites its namespace import)", () => {
	it('rewrites the installed router: every read becomes a named import, nothing reads the namespace', () => {
		expect(KIT_CLIENT.test(ROUTER)).toBe(true);
		const before = readFileSync(ROUTER, 'utf8');
		expect(svelteImports(before).namespace).toBe(true);
		const after = namedSvelteImports(before, ROUTER);
		const { names, namespace } = svelteImports(after);
		expect(namespace).toBe(false);
		// What the router reads today; a SvelteKit that reads more gets them too (the test names what it saw).
		expect(names).toEqual(expect.arrayContaining(['onMount', 'tick', 'untrack', 'settled']));
		expect(after).not.toMatch(/(?<![\w.$/'"])svelte\.(?!dev\b|js\b)\w/);
		expect(after).not.toMatch(/=\s*svelte\s*;/);
		// Every name the rewritten router uses is imported: the destructured ones and each read's alias.
		const imported = new Set(
			parseAst(after).body.flatMap((s) =>
				s.type === 'ImportDeclaration' && s.source.value === 'svelte'
					? s.specifiers.map((x) => x.local.name)
					: []
			)
		);
		for (const [alias] of after.matchAll(/\bsvelte_named_\w+/g)) expect(imported).toContain(alias);
		expect(imported).toContain('tick');
		expect(imported).toContain('onMount');
		// Lines keep their numbers (the source map is left as it is).
		expect(after.split('\n')).toHaveLength(before.split('\n').length);
	});

	it('keeps the meaning of each read: destructured names as they are, member reads under an alias', () => {
		const code = [
			"import * as svelte from 'svelte';",
			'const { onMount, tick: next } = svelte;',
			'const untrack = svelte.untrack ?? ((f) => f());',
			'export const go = () => svelte.settled?.().then(next).then(() => onMount);',
			'export const wait = () => svelte.tick();'
		].join('\n');
		expect(namedSvelteImports(code, 'x.js')).toBe(
			[
				"import { onMount, tick as next, untrack as svelte_named_untrack, settled as svelte_named_settled, tick as svelte_named_tick } from 'svelte';",
				'',
				'const untrack = svelte_named_untrack ?? ((f) => f());',
				'export const go = () => svelte_named_settled?.().then(next).then(() => onMount);',
				'export const wait = () => svelte_named_tick();'
			].join('\n')
		);
	});

	it('leaves a module without a namespace import of Svelte as it is', () => {
		const code =
			"import { tick } from 'svelte';\nimport * as kit from '@sveltejs/kit';\nkit.x(tick);";
		expect(namedSvelteImports(code, 'x.js')).toBe(code);
	});

	it('stops on a use it cannot rewrite, naming the file', () => {
		const passed = "import * as svelte from 'svelte';\nregister(svelte);";
		expect(() => namedSvelteImports(passed, 'router.js')).toThrow(
			/router\.js: Svelte's namespace import .*used as a value/
		);
		const computed = "import * as svelte from 'svelte';\nconst f = svelte[name];";
		expect(() => namedSvelteImports(computed, 'router.js')).toThrow(/router\.js/);
		const whole = "import * as svelte from 'svelte';\nconst s = svelte;";
		expect(() => namedSvelteImports(whole, 'router.js')).toThrow(/assigned whole/);
	});
});
