/**
 * The header on a 1280 px projector: the brand, every page's link and the language switch on one line on
 * every page, in English and in Chinese, so that moving from page to page never moves the page down.
 */
import { expect, test } from './fixtures';

const PAGES = ['/', '/train', '/review', '/check', '/host', '/library', '/data'];

test('the header keeps one line at 1280 px on every page, the current one marked without widening its link', async ({
	browser
}) => {
	for (const locale of ['en-US', 'zh-CN']) {
		const context = await browser.newContext({
			locale,
			viewport: { width: 1280, height: 800 },
			serviceWorkers: 'block'
		});
		const page = await context.newPage();
		const heights: Record<string, number> = {};
		for (const path of PAGES) {
			await page.goto(path);
			const top = page.locator('header.top');
			await expect(top.locator('a[aria-current="page"]')).toHaveCount(1);
			const [header, switcher, brand] = await Promise.all([
				top.boundingBox(),
				top.locator('.switch').boundingBox(),
				top.locator('.brand').boundingBox()
			]);
			heights[path] = Math.round(header!.height);
			// The switch sits on the brand's line, not below it.
			expect(Math.abs(switcher!.y - brand!.y), `${locale} ${path}`).toBeLessThan(brand!.height);
		}
		expect(new Set(Object.values(heights)).size, `${locale}: ${JSON.stringify(heights)}`).toBe(1);
		await context.close();
	}
});
