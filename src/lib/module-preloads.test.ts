import { describe, expect, it } from 'vitest';
import {
	missingPreloads,
	staticImportsOf,
	withModulePreloads,
	type BuildManifest
} from './module-preloads';

/**
 * A build as SvelteKit walks it: the page's entry imports a layout chunk and the page's checks; the layout
 * chunk loads the storage code later (a dynamic import), which imports the validation library; the checks
 * import that library statically, and a helper of their own, which imports another.
 */
const manifest: BuildManifest = {
	'nodes/2.js': { file: '_app/immutable/nodes/2.N.js', imports: ['_layout.js', '_checks.js'] },
	'_layout.js': { file: '_app/immutable/chunks/L.js' },
	'storage.ts': { file: '_app/immutable/chunks/S.js', imports: ['_valid.js'] },
	'_checks.js': { file: '_app/immutable/chunks/C.js', imports: ['_valid.js', '_helper.js'] },
	'_valid.js': { file: '_app/immutable/chunks/V.js' },
	'_helper.js': { file: '_app/immutable/chunks/H.js', imports: ['_deep.js', '_layout.js'] },
	'_deep.js': { file: '_app/immutable/chunks/D.js' }
};

describe("a page's script preloads, made whole", () => {
	const imports = staticImportsOf(manifest);

	it("reads each file's static imports from the build's manifest, by file", () => {
		expect(imports['_app/immutable/chunks/C.js']).toEqual([
			'_app/immutable/chunks/V.js',
			'_app/immutable/chunks/H.js'
		]);
		expect(imports['_app/immutable/chunks/L.js']).toEqual([]);
	});

	it('names what the listed scripts import at any depth and the list lacks, from the root, never a file loaded later', () => {
		// SvelteKit met V first below the layout's dynamic import, and left it out.
		const listed = ['./_app/immutable/nodes/2.N.js', './_app/immutable/chunks/L.js'].concat(
			'./_app/immutable/chunks/C.js',
			'./_app/immutable/chunks/H.js',
			'./_app/immutable/chunks/D.js'
		);
		expect(missingPreloads(listed, imports)).toEqual(['/_app/immutable/chunks/V.js']);
		// With less listed, everything below what is listed, each once, in the order met; the storage
		// code (S), which only a dynamic import loads, never.
		expect(missingPreloads(['/_app/immutable/nodes/2.N.js'], imports)).toEqual([
			'/_app/immutable/chunks/L.js',
			'/_app/immutable/chunks/C.js',
			'/_app/immutable/chunks/V.js',
			'/_app/immutable/chunks/H.js',
			'/_app/immutable/chunks/D.js'
		]);
		// Full URLs and query strings name the same files; scripts outside the build are passed over.
		expect(
			missingPreloads(
				['http://x/_app/immutable/chunks/C.js?v=1', '/elsewhere.js', '/_app/immutable/chunks/V.js'],
				imports
			)
		).toEqual([
			'/_app/immutable/chunks/H.js',
			'/_app/immutable/chunks/D.js',
			'/_app/immutable/chunks/L.js'
		]);
		// Nothing known of the build (the dev server, a page the server renders): nothing added.
		expect(missingPreloads(['/_app/immutable/nodes/2.N.js'], {})).toEqual([]);
	});

	it("adds a preload of each after the page's own, and leaves a page with none alone", () => {
		const html =
			'<head><link href="./_app/a.js" rel="modulepreload">\n<link href="./_app/b.js" rel="modulepreload">\n<style></style></head>';
		expect(withModulePreloads(html, ['/_app/c.js', '/_app/d.js'])).toBe(
			'<head><link href="./_app/a.js" rel="modulepreload">\n<link href="./_app/b.js" rel="modulepreload">' +
				'<link href="/_app/c.js" rel="modulepreload"><link href="/_app/d.js" rel="modulepreload">\n<style></style></head>'
		);
		expect(withModulePreloads(html, [])).toBe(html);
		expect(withModulePreloads('<head></head>', ['/_app/c.js'])).toBe('<head></head>');
	});
});
