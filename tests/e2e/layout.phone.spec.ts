import { shippedBank } from './bank';
import { answerByKeyboard, screen } from './drill';
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
	for (const path of ['/', '/library']) {
		await page.goto(path);
		// Pages render on the client: measure once the page has rendered.
		await page.locator('main h1').waitFor();
		expect(await fitsWidth(page), path).toBe(true);
	}
	// Each scenario opened by its link from the library and left with Back, as a reader browses.
	for (const s of bank.scenarios) {
		await page.locator(`[data-scenario="${s.id}"]`).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title.en);
		expect(await fitsWidth(page), `/library/${s.id}`).toBe(true);
		await page.goBack();
	}
});

test('the scenario page passes axe on a phone with flags shown', async ({ page, axe }) => {
	const s = bank.scenarios.find((x) => x.channels.includes('wechat-group')) ?? bank.scenarios[0];
	await page.goto(`/library/${s?.id}`);
	await page.getByRole('button', { name: 'Show red flags' }).tap();
	expect(await axe()).toEqual([]);
});

test('every screen of a drill fits a 360 px phone', async ({ page }) => {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	expect(await fitsWidth(page), 'train').toBe(true);
	await page.locator('[data-deck=quick]').tap();
	for (let i = 0; i < 10; i++) {
		while ((await screen(page)) === 'presenting') {
			expect(await fitsWidth(page), `presenting ${i}`).toBe(true);
			await page.keyboard.press('Enter');
		}
		expect(await fitsWidth(page), `question ${i}`).toBe(true);
		await answerByKeyboard(page, i % 2 === 0);
		expect(await fitsWidth(page), `feedback ${i}`).toBe(true);
		await page.keyboard.press('Enter');
	}
	await expect(page.locator('.results')).toBeVisible();
	expect(await fitsWidth(page), 'results').toBe(true);
});

test('review, your data, presenter mode and team-session pages fit a 360 px phone and pass axe', async ({
	page,
	axe
}) => {
	// Some history first, so the review page has its list and charts.
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').tap();
	for (let i = 0; i < 3; i++) {
		await answerByKeyboard(page, i === 1);
		await page.keyboard.press('Enter');
	}
	await page.locator('[data-storage=saved]').waitFor();
	for (const path of ['/review', '/data', '/present', '/host', '/join']) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		if (path !== '/host' && path !== '/join') await page.locator('[data-ready=true]').waitFor();
		expect(await fitsWidth(page), path).toBe(true);
		expect(await axe(), path).toEqual([]);
	}
});
