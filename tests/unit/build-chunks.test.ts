import { describe, expect, it } from 'vitest';
import {
	COMPILE_HINT,
	groupOf,
	staticClosure,
	withCompileHint,
	type ModuleGraph
} from '../../scripts/build-chunks';

/** A small module graph shaped like the app's: ids, static and dynamic imports, exports and code. */
function graphOf(
	modules: Record<
		string,
		{ imports?: string[]; dynamic?: string[]; exports?: string[]; code?: string }
	>
): ModuleGraph {
	return {
		getModuleInfo: (id) => {
			const m = modules[id];
			return m
				? {
						importedIds: m.imports ?? [],
						dynamicallyImportedIds: m.dynamic ?? [],
						exports: m.exports ?? [],
						code: m.code ?? ''
					}
				: null;
		}
	};
}

const msg = (name: string) => `/app/src/lib/paraglide/messages/${name}.js`;
const graph = graphOf({
	'/kit/entry.js': { imports: ['/kit/client.js'] },
	'/kit/client.js': {},
	// SvelteKit's generated app module imports every page at run time: none of them is loaded with it.
	'/gen/app.js': { imports: ['/kit/client.js'], dynamic: ['/gen/nodes/2.js', '/gen/nodes/3.js'] },
	'/gen/nodes/0.js': { imports: ['/app/src/routes/+layout.svelte'] },
	'/gen/nodes/1.js': { imports: ['/app/src/routes/+error.svelte'] },
	// The layout reads the display settings raw as it mounts.
	'/app/src/routes/+layout.svelte': {
		imports: ['/app/src/lib/i18n/index.ts', '/app/src/lib/progress/settings-start.ts'],
		code: 'm.nav_home()'
	},
	'/app/src/routes/+error.svelte': { imports: ['/app/src/lib/i18n/index.ts'] },
	// A change of language is stored through the settings' code, loaded then.
	'/app/src/lib/i18n/index.ts': {
		imports: ['/app/src/lib/paraglide/messages/_index.js'],
		dynamic: ['/app/src/lib/progress/settings.ts']
	},
	'/app/src/lib/paraglide/messages/_index.js': {
		imports: [msg('nav_home'), msg('train_title'), msg('review_title'), msg('shared_title')]
	},
	[msg('nav_home')]: { exports: ['nav_home'] },
	[msg('train_title')]: { exports: ['train_title'] },
	[msg('review_title')]: { exports: ['review_title'] },
	[msg('shared_title')]: { exports: ['shared_title'] },
	// The settings' checks load only when a stored record is read: not as every page starts.
	'/app/src/lib/progress/settings-start.ts': {
		imports: ['/app/src/lib/progress/probe.ts'],
		dynamic: ['/app/src/lib/progress/settings-schema.ts']
	},
	// A raw read loads storage's code only where IndexedDB cannot be used.
	'/app/src/lib/progress/probe.ts': { dynamic: ['/app/src/lib/progress/db.ts'] },
	'/app/src/lib/progress/settings.ts': {
		imports: ['/app/src/lib/progress/db.ts', '/app/src/lib/progress/settings-start.ts'],
		dynamic: ['/app/src/lib/progress/settings-schema.ts']
	},
	// Storage's library loads only to write: reads go straight to IndexedDB.
	'/app/src/lib/progress/db.ts': { dynamic: ['/nm/localforage/dist/localforage.js'] },
	'/nm/localforage/dist/localforage.js': {},
	'/app/src/lib/progress/settings-schema.ts': { imports: ['/nm/valibot.js'] },
	'/nm/valibot.js': {},
	'/gen/nodes/2.js': { imports: ['/app/src/routes/train/+page.svelte'] },
	'/app/src/routes/train/+page.svelte': {
		imports: [
			'/nm/xstate.js',
			'/app/src/lib/bank-client.ts',
			'/app/src/lib/i18n/index.ts',
			'/app/src/lib/progress/saved-quiz.ts',
			'/app/src/lib/progress/trainer-reads.ts'
		],
		dynamic: ['/app/src/lib/components/ResultsView.svelte'],
		code: 'm.train_title(); m.shared_title()'
	},
	// The trainer reads raw, and loads the rest of its storage code when a record is found, or to write.
	'/app/src/lib/progress/trainer-reads.ts': {
		imports: ['/app/src/lib/progress/probe.ts'],
		dynamic: ['/app/src/lib/progress/trainer-storage.ts']
	},
	'/app/src/lib/progress/trainer-storage.ts': {
		imports: ['/app/src/lib/progress/settings.ts', '/app/src/lib/progress/db.ts']
	},
	'/nm/xstate.js': {},
	'/app/src/lib/progress/saved-quiz.ts': {},
	'/app/src/lib/bank-client.ts': { imports: ['/app/src/lib/quiz/catalog.ts'] },
	'/app/src/lib/quiz/catalog.ts': {},
	'/app/src/lib/components/ResultsView.svelte': {},
	'/gen/nodes/3.js': { imports: ['/app/src/routes/review/+page.svelte'] },
	'/app/src/routes/review/+page.svelte': {
		imports: ['/app/src/lib/bank-client.ts', '/app/src/lib/i18n/index.ts'],
		// Read as the page starts (the home page peeks at the saved drill this way).
		dynamic: ['/app/src/lib/progress/saved-quiz.ts'],
		code: 'm.review_title(); m.shared_title()'
	}
});
const shared = ['/kit/entry.js', '/gen/app.js', '/gen/nodes/0.js', '/gen/nodes/1.js'];
const group = groupOf(graph, shared, ['/gen/nodes/2.js'], ['/gen/nodes/3.js'], (id) =>
	id.startsWith('/app/src/')
);

describe('browser build files', () => {
	it('follows static imports only', () => {
		const closure = staticClosure(graph, ['/app/src/routes/train/+page.svelte']);
		expect(closure).toContain('/app/src/lib/quiz/catalog.ts');
		expect(closure).not.toContain('/app/src/lib/components/ResultsView.svelte');
	});

	it('puts what every page loads in one file, with what the layout reads as it mounts', () => {
		for (const id of [
			'/kit/client.js',
			'/app/src/routes/+layout.svelte',
			'/app/src/routes/+error.svelte',
			'/app/src/lib/i18n/index.ts',
			'/app/src/lib/progress/settings-start.ts',
			'/app/src/lib/progress/probe.ts'
		])
			expect(group(id), id).toBe('app');
	});

	it("leaves storage's code beyond its raw reads out of what pages load as they start: it loads when a record is found, or to write", () => {
		for (const id of [
			'/app/src/lib/progress/settings.ts',
			'/app/src/lib/progress/db.ts',
			'/app/src/lib/progress/trainer-storage.ts'
		])
			expect(group(id), id).toBeNull();
		// The drill's own raw reads go in its file, as before.
		expect(group('/app/src/lib/progress/trainer-reads.ts')).toBe('page');
	});

	it("leaves storage's library out of what pages load as they start: it loads to write", () => {
		expect(group('/nm/localforage/dist/localforage.js')).toBeNull();
	});

	it('leaves the checks of stored records out of what pages load as they start', () => {
		for (const id of ['/app/src/lib/progress/settings-schema.ts', '/nm/valibot.js'])
			expect(group(id), id).toBeNull();
	});

	it("puts the drill page's own code in its file and what it shares with other pages in another", () => {
		expect(group('/app/src/routes/train/+page.svelte')).toBe('page');
		expect(group('/nm/xstate.js')).toBe('page');
		expect(group('/app/src/lib/bank-client.ts')).toBe('common');
		expect(group('/app/src/lib/quiz/catalog.ts')).toBe('common');
		// Imported at run time by another page: shared too, so that page never loads the drill's file.
		expect(group('/app/src/lib/progress/saved-quiz.ts')).toBe('common');
	});

	it('leaves entries, other pages and code loaded later to the bundler', () => {
		for (const id of [
			...shared,
			'/gen/nodes/2.js',
			'/app/src/routes/review/+page.svelte',
			'/app/src/lib/components/ResultsView.svelte'
		])
			expect(group(id), id).toBeNull();
	});

	it('puts each UI message with the code that names it, never every message', () => {
		expect(group(msg('nav_home'))).toBe('app');
		expect(group(msg('train_title'))).toBe('page');
		expect(group(msg('shared_title'))).toBe('common');
		expect(group(msg('review_title'))).toBeNull();
	});
});

describe('compile hint', () => {
	it('is the first line of a file, once, with the code after it unchanged', () => {
		const code = 'import{a}from"./x.js";export{a};';
		const hinted = withCompileHint(code);
		expect(hinted.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
		expect(hinted.slice(hinted.indexOf('\n') + 1)).toBe(code);
		expect(withCompileHint(hinted)).toBe(hinted);
		expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad');
	});
});
