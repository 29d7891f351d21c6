/**
 * A learner on a 360 px touch phone, in English and in Chinese: the pages a room participant and a learner
 * meet first never scroll sideways (also at 200% text and with the "Larger text" setting), the header is
 * one line with a "Menu" disclosure and the language switch, a live player screen has no way out by a
 * mis-tap, and no keyboard hint is shown on a touch screen.
 */
import type { Page } from '@playwright/test';
import {
	answerByKeyboard,
	bankQuestions,
	continuePlantedDrill,
	plantHistory,
	screen,
	storedSettings
} from './drill';
import { expect, SOON, test } from './fixtures';

// Outside test-results, which Playwright empties at the start of every run.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/fd-learner-shots';

/**
 * How far the page reaches past the 360 px screen, with the widest offenders named. The layout width is
 * measured, not `innerWidth`: a phone zooms out to fit a too-wide page, which makes `innerWidth` grow
 * with it and hides the overflow.
 */
async function overflow(page: Page): Promise<{ width: number; offenders: string[] }> {
	return page.evaluate(() => {
		const limit = document.documentElement.clientWidth;
		const offenders: string[] = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.width > 1 && r.right > limit + 0.5) {
				const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
				offenders.push(
					`${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} → ${Math.round(r.right)}`
				);
			}
		}
		return { width: document.documentElement.scrollWidth, offenders: offenders.slice(0, 5) };
	});
}

async function expectFits(page: Page, what: string): Promise<void> {
	const o = await overflow(page);
	expect(o.offenders, what).toEqual([]);
	expect(o.width, what).toBeLessThanOrEqual(360);
}

/**
 * Three answers in the history (two missed), so that /review has its list, filter and charts; given two
 * days ago, so that the missed ones are due whatever the time of day (their entries then carry both
 * badges, the widest summary the list has).
 */
async function someHistory(page: Page): Promise<void> {
	await plantHistory(page, [false, true, false], Date.now() - 2 * 86_400_000);
}

async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.locator('main h1').first().waitFor();
	if (!['/join', '/', '/library'].includes(path)) await page.locator('[data-ready=true]').waitFor();
}

/** Starts a drill and reveals its first question. */
async function firstQuestion(page: Page): Promise<void> {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').tap();
	// The drill of `someHistory` is unfinished: starting another one asks first.
	const replace = page.locator('dialog[open] [data-action=confirm]');
	if (await replace.isVisible()) await replace.tap();
	await page.locator('[data-screen]').waitFor();
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	await page.locator('[data-screen=asking]').waitFor();
}

for (const locale of ['en-US', 'zh-CN'] as const) {
	const tag = locale === 'en-US' ? 'en' : 'zh';
	test.describe(`phone, ${locale}`, () => {
		test.use({ locale });

		// One test per language for what a learner meets on each page (page loads shared): the width at
		// 100% and 200% text, the one-line header, the menu, a live player screen, the "Larger text" setting.
		test(`/join, /review and /data fit 360 px, also at 200% text and with larger text; the header is one line with a Menu and the language switch; a live player screen has no links (${tag})`, async ({
			page
		}) => {
			test.setTimeout(120_000);
			const menuName = locale === 'en-US' ? 'Menu' : '菜单';
			await someHistory(page);
			for (const path of ['/join', '/review', '/data', '/', '/train', '/library']) {
				await open(page, path);
				await expectFits(page, `${path} (${tag})`);
				if (path !== '/join') {
					const header = page.locator('header.top');
					const height = (await header.boundingBox())?.height ?? 0;
					// One line: the brand, "Menu" and the switch (the nav used to wrap to three lines, ~170 px).
					expect(height, path).toBeLessThan(64);
					await expect(header.getByRole('group')).toBeVisible();
					await expect(header.getByRole('navigation')).toBeHidden();
				}
				if (path === '/') await page.screenshot({ path: `${SHOTS}/${tag}-home.png` });
				if (path === '/library') continue;
				// 200% text: the root font size doubled on top of the browser's default.
				await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
				await expectFits(page, `${path} at 200% (${tag})`);
				if (path === '/' || path === '/review')
					await page.screenshot({ path: `${SHOTS}/${tag}-${path.slice(1) || 'home'}-200.png` });
				await page.evaluate(() => (document.documentElement.style.fontSize = ''));
			}

			// The menu opens and leads on, and closes.
			await page.goto('/');
			await page.getByRole('button', { name: menuName }).tap();
			const nav = page.getByRole('navigation');
			await expect(nav).toBeVisible();
			await expect(page.getByRole('button', { name: menuName })).toHaveAttribute(
				'aria-expanded',
				'true'
			);
			await nav.getByRole('link').nth(2).tap();
			await expect(page).toHaveURL(/\/review$/);
			await expect(nav).toBeHidden();

			// A live player screen: the language switch, and no link that would leave the session.
			const created = await page.request.post('/api/live/rooms', {
				data: { deck: { kind: 'quick' } }
			});
			expect(created.status()).toBe(201);
			const { code } = (await created.json()) as { code: string };
			await page.goto(`/live/${code}`);
			await page.locator('main h1').first().waitFor();
			await expectFits(page, `live player screen (${tag})`);
			await expect(page.locator('header.top').getByRole('group')).toBeVisible();
			expect(await page.locator('header.top a, header.top nav').count()).toBe(0);
			await expect(page.getByRole('button', { name: menuName })).toHaveCount(0);

			// The "Larger text" setting, kept across pages and reloads.
			await open(page, '/data');
			const rootSize = () =>
				page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
			expect(await rootSize()).toBe(16);
			await page.locator('[data-larger-text]').tap();
			await expect.poll(rootSize, SOON).toBe(20);
			// Shown at once, and kept once stored: the next page reads it from storage.
			await expect
				.poll(
					async () => ((await storedSettings(page)) as { largerText?: boolean } | null)?.largerText,
					SOON
				)
				.toBe(true);
			for (const path of ['/review', '/join', '/']) {
				await open(page, path);
				await expect.poll(rootSize, { ...SOON, message: path }).toBe(20);
				await expectFits(page, `${path} with larger text (${tag})`);
			}
			await page.screenshot({ path: `${SHOTS}/${tag}-home-larger.png` });
			await firstQuestion(page);
			await expectFits(page, `drill question with larger text (${tag})`);
			await page.screenshot({ path: `${SHOTS}/${tag}-question-larger.png`, fullPage: true });
		});

		test(`a drill on a touch screen shows no key hints and labels its step buttons (${tag})`, async ({
			page
		}) => {
			test.setTimeout(120_000);
			await page.goto('/train');
			await page.locator('[data-ready=true]').waitFor();
			await expect(page.locator('.key-hint')).toBeHidden();
			// A question with a script to unfold, then a red-flags and a where-to-stop question: a drill of
			// those three, planted and continued (a new drill reaches a step question only by chance).
			const all = bankQuestions();
			const opener = all.find(
				(q) => (q.kind === 'verdict' || q.kind === 'decide') && q.visibleSteps >= 2
			);
			const steps = (['flags', 'stop'] as const).map((k) => all.find((q) => q.kind === k));
			if (!opener || !steps[0] || !steps[1]) throw new Error('the bank lacks a kind of question');
			await continuePlantedDrill(page, [opener.id, steps[0].id, steps[1].id], { revealed: 1 });
			for (let i = 0; i < 3; i++) {
				if (i > 0) {
					await answerByKeyboard(page, true);
					await page.keyboard.press('Enter');
				}
				while ((await screen(page)) === 'presenting') {
					await expect(page.locator('kbd').first()).toBeHidden();
					await page.keyboard.press('Enter');
				}
				await page.locator('[data-screen=asking]').waitFor();
				await expect(page.locator('kbd').first()).toBeHidden();
				if (i === 0) {
					await page.screenshot({ path: `${SHOTS}/${tag}-question.png`, fullPage: true });
					continue;
				}
				await checkStepQuestion(page, locale, tag);
			}
		});
	});
}

/** A step question (red flags or where to stop) on a touch screen: no word of keys, labelled controls. */
async function checkStepQuestion(
	page: Page,
	locale: 'en-US' | 'zh-CN',
	tag: string
): Promise<void> {
	const panel = page.locator('section.question');
	await expect(panel).toBeVisible();
	// What is shown (innerText skips what CSS hides) never talks about keys.
	expect(await panel.evaluate((el) => (el as HTMLElement).innerText)).not.toMatch(
		locale === 'en-US' ? /number|key|enter/i : /数字|按键|回车/
	);
	await expect(panel.locator('kbd').first()).toBeHidden();
	await expect(panel.locator('.key-hint')).toBeHidden();
	const kind = await panel.getAttribute('data-kind');
	const word =
		kind === 'stop'
			? locale === 'en-US'
				? 'Stop here'
				: '停在这'
			: locale === 'en-US'
				? 'Red flag'
				: '可疑';
	const controls = page.locator('.step-control');
	expect(await controls.count()).toBeGreaterThan(0);
	await expect(controls.first()).toBeVisible();
	await expect(controls.first()).toContainText(word);
	await expectFits(page, `${kind} question (${tag})`);
	await page.screenshot({ path: `${SHOTS}/${tag}-${kind}-question.png`, fullPage: true });
}
