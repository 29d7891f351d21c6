import prettier from 'eslint-config-prettier';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	},
	{
		// State is runes only ($state, $derived, props), never Svelte stores: the import ban below keeps it so,
		// which leaves svelte/require-store-reactive-access nothing to find. That rule built a type checker
		// per component and took most of the lint's rule time, so it is off while the ban stands.
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'svelte/store', message: 'Use runes ($state, $derived) instead of stores.' },
						{ name: '$app/stores', message: 'Use $app/state instead of $app/stores.' }
					]
				}
			],
			'svelte/require-store-reactive-access': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				// Type information from programs rooted at the components and rune modules themselves
				// (tsconfig.eslint.json; the bench's floor app has its own), not the project service's whole
				// project with its tests and scripts: the same types for these files, 13% less lint time.
				project: ['./tsconfig.eslint.json', './bench/floor/tsconfig.json'],
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'node_modules/',
			'test-results/',
			'bench-results/',
			// The bench's floor reference app: its sources are linted, its build output is not.
			'bench/floor/build/',
			'bench/floor/.svelte-kit/'
		]
	}
);
