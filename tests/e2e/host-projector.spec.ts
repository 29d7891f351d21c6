/**
 * The host screen on a 1920×1080 projector: the step and close controls and the answered count stay on
 * screen whatever the script's length and wherever the page is scrolled, and a "where should you have
 * stopped" question numbers each message the same way on the projector and on the phones.
 */
import type { Locator, Page } from '@playwright/test';
import { generateQuestions } from '../../src/lib/scenarios/generate';
import { shippedBank } from './bank';
import { expect, test } from './fixtures';
import { hostRoom } from './live-room';

const bank = shippedBank();
const questions = generateQuestions(bank);

/** The scenario with a stop question whose script is the longest: the one most likely to overflow. */
function longestStopScenario(): string {
	const withStop = new Set(questions.filter((q) => q.kind === 'stop').map((q) => q.scenarioId));
	const length = (id: string) =>
		JSON.stringify(bank.scenarios.find((s) => s.id === id)?.steps ?? []).length;
	const best = [...withStop].sort((a, b) => length(b) - length(a))[0];
	if (!best) throw new Error('no scenario with a stop question');
	return best;
}

const VIEWPORT = { width: 1920, height: 1080 };
/** Where screenshots for a person to look at go (test-results is cleared by the next run). */
const SHOTS = process.env.FD_SHOTS ?? 'test-results';
test.use({ viewport: VIEWPORT, locale: 'en-US' });

/** True when the element's whole box lies inside the viewport. */
async function onScreen(locator: Locator): Promise<boolean> {
	const box = await locator.boundingBox();
	return (
		!!box &&
		box.x >= 0 &&
		box.y >= 0 &&
		box.x + box.width <= VIEWPORT.width &&
		box.y + box.height <= VIEWPORT.height
	);
}

/** The step button, the close button and the answered count are on screen, at the top and the bottom. */
async function controlsOnScreen(page: Page, where: string): Promise<void> {
	const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > innerHeight);
	for (const y of ['top', 'bottom'] as const) {
		await page.evaluate((to) => window.scrollTo(0, to === 'top' ? 0 : 1e6), y);
		for (const [name, locator] of [
			['step', page.locator('[data-action]')],
			['close', page.locator('.controls .button.secondary')],
			['answered', page.locator('[data-answered]')]
		] as const)
			expect(await onScreen(locator), `${name} control on screen, ${where}, ${y}`).toBe(true);
		if (!scrolls) break;
	}
}

test('the host controls and count stay on a 1080p screen; stop questions number messages as phones do', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const scenarioId = longestStopScenario();
	// The room's deck is that one scenario, as the host form's "hand-picked scenarios" sends it (the form
	// itself is used in live.spec.ts).
	const code = await hostRoom(page, {
		deck: {
			kind: 'ids',
			ids: questions.filter((q) => q.scenarioId === scenarioId).map((q) => q.id)
		}
	});

	const phoneContext = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const phone = await phoneContext.newPage();
	await phone.goto(`/live/${code}`);
	await phone.getByLabel('Your nickname').fill('Ana');
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone.locator('[data-status=waiting]')).toBeVisible();

	const advance = async (phase: string) => {
		await expect(page.locator('[data-action]')).toBeEnabled();
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('.host')).toHaveAttribute('data-phase', phase);
	};

	await advance('open');
	// Every question of the scenario is in the deck, its stop question among them: the loop ends there.
	for (let i = 0; ; i++) {
		const id = (await page.locator('section.question').getAttribute('data-question')) ?? '';
		await expect(page.getByRole('list', { name: 'The script' })).toBeVisible();
		await controlsOnScreen(page, `question ${i + 1} open`);

		if (id.endsWith('/stop')) {
			// The script runs past the fold: unpinned, the step button would sit below it (the test has teeth).
			const unpinned = await page.addStyleTag({
				content: '.controls, section.question .bar { position: static !important; }'
			});
			await page.evaluate(() => window.scrollTo(0, 0));
			expect(await onScreen(page.locator('[data-action]')), 'unpinned step button').toBe(false);
			await unpinned.evaluate((style) => (style as HTMLStyleElement).remove());
			await page.screenshot({ path: `${SHOTS}/host-question-1920-en.png` });
			// Each phone badge is the message's number, and the projector names the same number.
			const buttons = phone.locator(`section[data-question="${id}"] [data-choice]`);
			await expect(buttons.first()).toBeVisible();
			const badges = await buttons.locator('.key').allTextContents();
			const hostLabels = await page
				.getByRole('list', { name: 'Answers per option' })
				.locator('.label')
				.allTextContents();
			expect(hostLabels).toEqual(badges.map((n) => `Message ${n.trim()}`));
			// In Chinese too: the same number, and the controls still on screen.
			await page.getByRole('button', { name: '中文' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', /^zh/);
			await expect(page.getByRole('list', { name: '每个选项的人数' }).locator('.label')).toHaveText(
				badges.map((n) => `第 ${n.trim()} 条消息`)
			);
			await controlsOnScreen(page, 'question in Chinese');
			await page.evaluate(() => window.scrollTo(0, 0));
			await page.screenshot({ path: `${SHOTS}/host-question-1920-zh.png` });
			await page.getByRole('button', { name: 'English' }).click();
			await buttons.last().click();
			await expect(phone.locator('[data-status=sent]')).toBeVisible();
			await expect(page.locator('[data-answered]')).toHaveAttribute('data-answered', '1');
			await advance('closed');
			await advance('reveal');
			await controlsOnScreen(page, 'stop question revealed');
			const right = (await page.locator('[data-reveal] .right').textContent()) ?? '';
			expect(right).toMatch(/^Message \d+$/);
			break;
		}
		await advance('closed');
		await advance('reveal');
		await controlsOnScreen(page, `question ${i + 1} revealed`);
		await advance('discussion');
		await advance('open');
	}
	await phoneContext.close();
});
