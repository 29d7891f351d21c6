/**
 * Presenter mode with a before- and an after-check: the facilitator counts hands per option (scam or
 * legitimate, sure or not) on each item of form A, runs the training, counts form B, and the report shows
 * the room's before → after from the pooled counts, saying that hands follow nobody from one check to the
 * other. A reload during the training keeps the before-check. axe-core clean; screenshots at 1280 and 360.
 */
import type { Page } from '@playwright/test';
import { shippedBank } from './bank';
import { currentQuestion, keysFor, screen, shownChoices } from './drill';
import { expect, test } from './fixtures';
import { fitsWidth } from './live-room';

const bank = shippedBank();
const verdict = new Map(bank.scenarios.map((s) => [s.id, s.verdict]));
const SHOTS = process.env.FD_SHOTS ?? 'test-results';

test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });

/** Counts hands on every item of the open check: `right` on the true side (sure), `wrong` on the other. */
async function countCheck(page: Page, stage: 'pre' | 'post', right: number, wrong: number) {
	const section = page.locator(`section.present-check[data-check=${stage}]`);
	for (let i = 0; i < 12; i++) {
		await expect(section).toHaveAttribute('data-item', String(i));
		const scam = verdict.get((await section.getAttribute('data-scenario')) ?? '') === 'scam';
		await section.locator('[data-hands=scamSure]').fill(String(scam ? right : wrong));
		await section.locator('[data-hands=genuineSure]').fill(String(scam ? wrong : right));
		await section.locator('[data-hands=scamUnsure]').fill('1');
		await section.locator('button[type=submit]').click();
	}
	await expect(section).toHaveCount(0);
}

test('presenter mode: hands counted before and after show the room’s change', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await page.goto('/present');
	await page.locator('[data-ready=true]').waitFor();
	await page.getByRole('button', { name: 'Start the before-check' }).click();
	const section = page.locator('section.present-check[data-check=pre]');
	await expect(section).toContainText('Before-check');
	// No hands, no record.
	await expect(section.locator('button[type=submit]')).toBeDisabled();
	expect(await axe()).toEqual([]);
	await page.screenshot({ path: `${SHOTS}/present-check-1280-en.png`, fullPage: true });
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await fitsWidth(page)).toBe(true);
	await page.screenshot({ path: `${SHOTS}/present-check-360-en.png`, fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });

	// Before: the room is split on everything.
	await countCheck(page, 'pre', 5, 5);
	await expect(page.locator('[data-check-done=pre]')).toBeVisible();
	// A reload during the training keeps the before-check.
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-check-done=pre]')).toBeVisible();

	// A short training of one question, ended early: the report offers the after-check.
	await page.locator('[data-deck=quick]').click();
	while ((await screen(page)) === 'presenting') await page.keyboard.press('ArrowRight');
	const q = await currentQuestion(page);
	for (const k of keysFor(q, true, await shownChoices(page))) await page.keyboard.press(k);
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-screen=feedback]')).toBeVisible();
	await page.locator('[data-action=end]').click();
	await page.getByRole('dialog').locator('[data-action=confirm]').click();
	await expect(page.locator('[data-report]')).toBeVisible();
	await expect(page.locator('[data-checks]')).toHaveAttribute('data-verdict', 'too-few');
	await page.getByRole('button', { name: 'Start the after-check' }).click();

	// After: most hands on the right side.
	await countCheck(page, 'post', 9, 1);
	const checks = page.locator('[data-checks]');
	await expect(checks).toHaveAttribute('data-verdict', 'sharper');
	await expect(checks).toContainText('Counted hands: nobody is followed');
	await expect(checks.locator('svg')).toHaveCount(0);
	// Before, 5 of 11 hands on scams said scam at sure, 1 more unsure: 6 of 11 = 55%.
	await expect(checks.locator('table').first()).toContainText('55% of 66');
	expect(await axe()).toEqual([]);
	await page.screenshot({ path: `${SHOTS}/present-check-report-1280-en.png`, fullPage: true });

	// In Chinese too.
	await page.getByRole('button', { name: '中文' }).click();
	await expect(checks).toContainText('整体来看，大家分辨骗局和正规消息的能力提高了。');
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await fitsWidth(page)).toBe(true);
	await page.screenshot({ path: `${SHOTS}/present-check-report-360-zh.png`, fullPage: true });

	// A new session starts without the finished checks.
	await page.getByRole('button', { name: '新建演练' }).click();
	await expect(page.getByRole('button', { name: '开始前测' })).toBeVisible();
});
