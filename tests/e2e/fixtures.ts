/**
 * Shared Playwright fixtures: every test fails on a console error or an uncaught page error, and `axe`
 * runs axe-core in the page and returns its violations in a readable form.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Evaluated through the test runner rather than added as a <script> tag: the app's Content-Security-Policy
// (rightly) refuses inline scripts, and the tests keep that policy in force.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One axe violation as `rule: selector, selector`. */
export async function axeViolations(page: Page): Promise<string[]> {
	// Once per document: a page checked at several steps without a new load keeps axe from the first.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	const results = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (o: object) => Promise<AxeResults> } }).axe;
		interface AxeResults {
			violations: { id: string; nodes: { target: string[] }[] }[];
		}
		return axe.run({
			runOnly: {
				type: 'tag',
				values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
			}
		});
	});
	return results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/**
 * Waits until a page has drawn what it loads after its first paint, before it is measured or run through
 * axe: its stores read (`data-ready`), the library's list, the host form with its scenario catalog. /review
 * draws its list a step per frame and its charts after that, so there the network must also have been quiet
 * for half a second (Playwright's "networkidle"), as it was for every page before.
 */
export async function settled(page: Page): Promise<void> {
	const path = new URL(page.url()).pathname;
	await page.locator('main h1').first().waitFor();
	if (['/train', '/review', '/data', '/present', '/check'].includes(path))
		await page.locator('[data-ready=true]').waitFor();
	if (path === '/library') await page.locator('[data-scenario]').first().waitFor();
	if (path === '/host') await page.locator('form.setup').waitFor();
	if (path === '/review') await page.waitForLoadState('networkidle');
}

/**
 * Empties everything the browser keeps for an address (IndexedDB, local storage, Cache Storage, a service
 * worker) through its own Storage.clearDataForOrigin, from a blank page so that no database is open.
 */
export async function emptyOrigin(page: Page, origin: string): Promise<void> {
	if (page.url() !== 'about:blank') await page.goto('about:blank');
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
	await cdp.detach();
}

/** expect.poll's retries for conditions that settle within a frame or two (the default waits 100 ms first). */
export const SOON = { intervals: [25, 50, 100, 250, 500, 1000] };

export const test = base.extend<{
	firstVisit: void;
	consoleErrors: string[];
	axe: () => Promise<string[]>;
}>({
	firstVisit: [
		// Tests share their worker's browser context and page (reuseContext in playwright.config.ts). Playwright
		// resets most of it between tests; what it leaves is undone here, before each test, so that every test
		// starts as a learner's first visit whatever ran before it (or failed): the network back on (a test may
		// have gone offline), and everything the app's address keeps (IndexedDB, local storage, Cache Storage,
		// a service worker) emptied by the browser's own Storage.clearDataForOrigin from the blank page the
		// reset leaves, where no database is open. A new context has nothing to clear.
		async ({ context, baseURL }, use) => {
			const [page] = context.pages();
			if (page && baseURL) {
				await context.setOffline(false);
				await context.clearPermissions();
				await emptyOrigin(page, new URL(baseURL).origin);
			}
			await use();
		},
		{ auto: true }
	],
	consoleErrors: [
		// The test's page (the first one of its context), watched as it is made: a test that opens its own
		// contexts only (live rooms, host screens) then gets no page it does not use, whose renderer cost
		// about half a second of CPU.
		async ({ context }, use) => {
			const errors: string[] = [];
			const watch = (page: Page) => {
				page.on('console', (msg) => {
					if (msg.type() === 'error') errors.push(msg.text());
				});
				page.on('pageerror', (err) => errors.push(err.message));
			};
			// Should the page exist already (a fixture set up first made it), it is watched all the same.
			const first = context.pages()[0];
			if (first) watch(first);
			else context.once('page', watch);
			await use(errors);
			expect(errors, 'console errors').toEqual([]);
		},
		{ auto: true }
	],
	axe: async ({ page }, use) => {
		await use(() => axeViolations(page));
	}
});

export { expect };
