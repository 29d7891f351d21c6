import { shippedBank } from './bank';
import { expect, test } from './fixtures';

const bank = shippedBank();

/** True when nothing on the page is wider than the 360 px screen. */
async function fitsWidth(page: import('@playwright/test').Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test('home, library and every scenario fit a 360 px phone without sideways scrolling', async ({
	page
}) => {
	test.setTimeout(120_000);
	for (const path of ['/', '/library', ...bank.scenarios.map((s) => `/library/${s.id}`)]) {
		await page.goto(path);
		expect(await fitsWidth(page), path).toBe(true);
	}
});

test('the scenario page passes axe on a phone with flags shown', async ({ page, axe }) => {
	const s = bank.scenarios.find((x) => x.channels.includes('wechat-group')) ?? bank.scenarios[0];
	await page.goto(`/library/${s?.id}`);
	await page.getByRole('button', { name: 'Show red flags' }).tap();
	expect(await axe()).toEqual([]);
});
