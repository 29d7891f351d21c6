/**
 * Chinese on a 360 px phone: no page and no screen of a drill scrolls sideways. Chinese lines break
 * anywhere, but long Latin runs (links, codes, numbers) and fixed-width controls can still push a page
 * wider than the screen, so every page is checked once it has rendered.
 */
import type { Page } from '@playwright/test';
import { answerByKeyboard, screen } from './drill';
import { expect, test } from './fixtures';

test.use({ locale: 'zh-CN' });

async function fitsWidth(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test('every page fits a 360 px phone in Chinese', async ({ page }) => {
	test.setTimeout(120_000);
	const paths = ['/', '/train', '/review', '/data', '/host', '/join', '/present', '/library'];
	for (const path of paths) {
		await page.goto(path);
		// Pages render on the client: measure once the page's heading is there, in Chinese.
		await expect(page.locator('main h1'), path).toBeVisible();
		await expect(page.locator('html'), path).toHaveAttribute('lang', 'zh-CN');
		expect(await fitsWidth(page), path).toBe(true);
	}
	// Every scenario page, in Chinese as in English, is checked in the library walk of layout.phone.spec.ts.
});

test('every screen of a quick drill fits a 360 px phone in Chinese', async ({ page, axe }) => {
	test.setTimeout(120_000);
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').tap();
	for (let i = 0; i < 10; i++) {
		while ((await screen(page)) === 'presenting') {
			expect(await fitsWidth(page), `presenting ${i}`).toBe(true);
			await page.keyboard.press('Enter');
		}
		expect(await fitsWidth(page), `question ${i}`).toBe(true);
		await answerByKeyboard(page, i % 2 === 0);
		expect(await fitsWidth(page), `feedback ${i}`).toBe(true);
		if (i === 0) expect(await axe(), 'feedback on a phone in Chinese').toEqual([]);
		await page.keyboard.press('Enter');
	}
	await expect(page.locator('.results')).toBeVisible();
	expect(await fitsWidth(page), 'results').toBe(true);
	expect(await axe(), 'results on a phone in Chinese').toEqual([]);
});
