import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	ADDRESS_BAR_POPUPS,
	DISABLED_FEATURES,
	PLAYWRIGHT_DISABLED_FEATURES
} from '../e2e/chromium-features';

/**
 * The features Playwright turns off with its own `--disable-features` switch, read from its source: the
 * string literals of its `disabledFeatures` array (packages/playwright-core/src/server/chromium/
 * chromiumSwitches.ts, bundled into lib/coreBundle.js).
 */
function playwrightsList(): string[] {
	const require = createRequire(import.meta.url);
	const root = dirname(require.resolve('playwright-core/package.json'));
	const bundle = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
	const list = /\bdisabledFeatures = \[([\s\S]*?)\]/.exec(bundle)?.[1];
	if (list === undefined)
		throw new Error('playwright-core: its disabledFeatures list was not found');
	return [...list.replace(/\/\/.*$/gm, '').matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('the browser tests’ --disable-features switch', () => {
	it('still turns off every feature Playwright turns off, its own switch being replaced by this one', () => {
		const playwrights = playwrightsList();
		expect(playwrights.length).toBeGreaterThan(5);
		expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...playwrights].sort());
	});

	it('adds the address bar’s popups to Playwright’s list, and nothing else', () => {
		expect(DISABLED_FEATURES).toEqual([...PLAYWRIGHT_DISABLED_FEATURES, ...ADDRESS_BAR_POPUPS]);
	});
});
