import { namesSpeaker, scriptRuns } from '../../src/lib/scenarios/script';
import { shippedBank } from './bank';
import { lowContrastLines } from './contrast';
import { answerByKeyboard, screen } from './drill';
import { expect, test } from './fixtures';

const bank = shippedBank();

/** True when nothing on the page is wider than the 360 px screen. */
async function fitsWidth(page: import('@playwright/test').Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test('home, library and every scenario fit a 360 px phone without sideways scrolling; every scenario opens from the library into its full script, every line readable, with no console error', async ({
	page
}) => {
	test.setTimeout(120_000);
	for (const path of ['/', '/library']) {
		await page.goto(path);
		// Pages render on the client: measure once the page has rendered.
		await page.locator('main h1').waitFor();
		expect(await fitsWidth(page), path).toBe(true);
	}
	// Each scenario opened by its link from the library and left with Back, as a reader browses; a scenario
	// page loaded directly by its address is checked in library.spec.ts and in the offline walk. One walk
	// checks both the width and the script (it was two walks, one on a desktop and one on a phone: the script
	// checks below read the page's structure and the colours it paints, which do not depend on its width).
	for (const s of bank.scenarios) {
		await page.locator(`[data-scenario="${s.id}"]`).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title.en);
		expect(await fitsWidth(page), `/library/${s.id}`).toBe(true);
		await expect(page.locator('[data-step]')).toHaveCount(s.steps.length);
		await expect(page.locator('.decision')).toHaveCount(s.decisions.length);
		// Channels appear as mock-ups in script order.
		const frames = await page
			.locator('.run')
			.evaluateAll((els) =>
				els.map((el) => [...el.classList].find((c) => c.startsWith('ch-'))?.slice(3))
			);
		const runs = s.steps.map((st) => st.channel).filter((c, i, all) => i === 0 || all[i - 1] !== c);
		expect(frames, s.id).toEqual(runs);
		// A message from anyone but the chat's partner carries its speaker's name.
		for (const run of scriptRuns(s))
			for (const { index, step } of run.steps)
				if (namesSpeaker(run, step))
					await expect(page.locator(`[data-step="${index + 1}"] .who`), s.id).toHaveCount(1);
		// Every line's text can be read against the background it is really drawn on (WCAG AA).
		expect(await lowContrastLines(page), s.id).toEqual([]);
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
