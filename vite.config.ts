import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { firstQuestionChunks } from './scripts/build-chunks.js';
import { compactMessages } from './scripts/compact-messages.js';
import { svelteNamedImports } from './scripts/svelte-named-imports.js';
import { textTables } from './scripts/text-tables.js';

export default defineConfig({
	plugins: [
		// UI messages (src/lib/i18n/messages/{locale}.json) compiled to typed, tree-shaken functions. The
		// locale is chosen on the client (see src/lib/i18n/locale.svelte.ts); the server and the build only
		// ever use the base locale, which renders no text (pages are client-rendered).
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['globalVariable', 'baseLocale'],
			// No .d.ts files: the type checks read the messages' types from the JSDoc of the generated
			// modules (checkJs), and still fail on an unknown message, a missing parameter or a null one.
			// Writing declarations ran TypeScript's emitter over every module: 7 of 19 CPU s of a first
			// compile. Declarations an older compile left are deleted by the next one (it removes every file
			// in the folder it did not write), so none can shadow the modules' own types.
			emitTsDeclarations: false,
			// One output for the build, the dev server and the tests (the plugin's own default is another
			// one outside production), so that the messages compiled once before the test stages (see
			// scripts/test.sh) serve them all from the plugin's cache instead of being compiled again.
			outputStructure: 'message-modules',
			// Rewrite in place rather than empty the folder first: a type check running while a test run
			// recompiles must never find the messages missing.
			cleanOutdir: false
		}),
		// Each message's locale switch in the build is one shared function (see the module).
		compactMessages(),
		// SvelteKit's router reads Svelte by name, so the build keeps only the parts it calls (see the module).
		svelteNamedImports(),
		sveltekit(),
		// The browser build in a few files: what every page loads, and the drill page's code (see the module).
		firstQuestionChunks('/train', ['/check', '/present']),
		// The drill's own file has its UI texts in one file per locale, so that a learner downloads their own
		// language's only. Not the files every page loads: their texts save less than a file of their own and
		// the script asking for it in every page cost (measured: home +0.6 KB for a first visit).
		textTables(['page'])
	],
	build: {
		// A dynamic import fetches the files its module imports alongside it, from a list of them that Vite
		// writes into the importing file. Kept for SvelteKit's own (in its entry: a page's files, fetched in
		// one round trip when moving to that page); dropped for the app's, whose modules load only after a
		// page's first screen (the results, the storage writes). Those now take a round trip more the first
		// time, before the service worker (started with the first screen) has cached them; the drill's three
		// files carried 0.56 KB gzip of such lists (measured). Style files are not in these lists: a module's
		// styles are still fetched with it.
		modulePreload: {
			resolveDependencies: (_file, deps, { hostId }) => (hostId.includes('/entry/') ? deps : [])
		}
	},
	server: { fs: { allow: ['questions'] } },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				plugins: [svelteTesting()],
				test: {
					name: 'client',
					environment: 'jsdom',
					include: ['src/**/*.svelte.test.ts'],
					// One module registry per worker instead of one per file; what a file leaves behind is reset
					// before the next one (src/vitest-setup-shared.ts).
					isolate: false,
					setupFiles: ['./src/vitest-setup-client.ts', './src/vitest-setup-shared.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts'],
					// As above: loading the app's modules once per worker rather than once per file more than halves
					// the unit tests' time; src/vitest-setup-shared.ts resets storage, locale and mocks per file.
					isolate: false,
					setupFiles: ['./src/vitest-setup-shared.ts']
				}
			},
			{
				// Black-box tests of the built server (`node build`) over real HTTP on 127.0.0.1.
				extends: './vite.config.ts',
				test: {
					name: 'live',
					environment: 'node',
					include: ['tests/live/**/*.test.ts'],
					setupFiles: ['./tests/live/setup.ts'],
					fileParallelism: false,
					// One worker for all the files, one after another, instead of a new one per file: each file
					// starts its own servers and keeps nothing in a shared module (53.7 -> 43.8 CPU s).
					isolate: false,
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
