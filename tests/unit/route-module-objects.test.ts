import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTE_FILE, plainUniversal, universalModule } from '../../scripts/route-module-objects';

const FILE = '/app/.svelte-kit/generated/client-optimized/nodes/13.js';
const PAGE = '../../../../src/routes/train/+page.ts';
// A route file with a page module, as SvelteKit writes it (its generator joins these lines).
const route = [
	`import * as universal from ${JSON.stringify(PAGE)};`,
	'export { universal };',
	'export { default as component } from "../../../../src/routes/train/+page.svelte";'
].join('\n');

describe('route files hand the router a plain object of the page module (the build rewrites them)', () => {
	it("matches SvelteKit's route files, and its generator still writes them in the shape read here", () => {
		expect(ROUTE_FILE.test(FILE)).toBe(true);
		expect(ROUTE_FILE.test('/app/.svelte-kit/generated/client/nodes/13.js')).toBe(false);
		const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
		const generator = readFileSync(join(kit, 'src/core/sync/write_client_manifest.js'), 'utf8');
		expect(generator).toContain('`import * as universal from ${s(');
		expect(generator).toContain("'export { universal };'");
	});

	it('reads the page module and lists its exports in an object, the component line untouched', () => {
		expect(universalModule(route, FILE)).toBe(PAGE);
		expect(plainUniversal(route, FILE, ['load', 'ssr'])).toBe(
			[
				`import { load, ssr } from ${JSON.stringify(PAGE)};`,
				'export const universal = { load, ssr };',
				'export { default as component } from "../../../../src/routes/train/+page.svelte";'
			].join('\n')
		);
		expect(plainUniversal(route, FILE, [])).toContain('export const universal = {  };');
	});

	it('leaves a route file without a page module alone', () => {
		const component =
			'export { default as component } from "../../../../src/routes/+error.svelte";';
		expect(universalModule(component, FILE)).toBeNull();
	});

	it('stops on a shape or an export it cannot write, naming the file', () => {
		const other = `import * as universal from ${JSON.stringify(PAGE)};\nexport { universal as page };`;
		expect(() => universalModule(other, FILE)).toThrow(/nodes\/13\.js: a route file of a shape/);
		expect(() => plainUniversal(route, FILE, ['load', 'default'])).toThrow(/13\.js.*"default"/);
		expect(() => plainUniversal(route, FILE, ['*'])).toThrow(/cannot list by name/);
	});
});
