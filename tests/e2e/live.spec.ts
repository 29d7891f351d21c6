/**
 * A whole live team session in the browser: one host page (projector) and three phones in their own
 * browser contexts, against the built server. Answers are chosen from the shipped bank so each player is
 * right or wrong on purpose, and every score on screen is checked.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { generateQuestions, type Question } from '../../src/lib/scenarios/generate';
import { shippedBank } from './bank';
import { keysFor, shownChoices } from './drill';
import { axeViolations, expect, test } from './fixtures';

const bank = shippedBank();
const questions = generateQuestions(bank);
const byId = new Map<string, Question>(questions.map((q) => [q.id, q]));

/** A scam scenario whose every question can be answered right and wrong with number keys 1–9. */
function pickScenario(): string {
	for (const s of bank.scenarios) {
		if (s.verdict !== 'scam') continue;
		const qs = questions.filter((q) => q.scenarioId === s.id);
		try {
			// Any order of a decide question's options fits keys 1–9; steps must too.
			for (const q of qs)
				for (const right of [true, false])
					keysFor(q, right, q.kind === 'decide' ? q.options.map((_, i) => i) : undefined);
			if (qs.length >= 3) return s.id;
		} catch {
			// A key beyond 9: try the next scenario.
		}
	}
	throw new Error('no scenario fits');
}

interface Phone {
	context: BrowserContext;
	page: Page;
	errors: string[];
	name: string;
}

/** A phone-sized page in its own context; console errors fail the test, except the expected 4xx. */
async function phone(browser: Browser, name: string): Promise<Phone> {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (msg) => {
		// A refused nickname is a 422 response, which Chromium logs; the page shows the reason.
		if (msg.type() === 'error' && !/status of 422/.test(msg.text())) errors.push(msg.text());
	});
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
	return { context, page, errors, name };
}

async function fitsWidth(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function joinAs(p: Phone, path: string): Promise<void> {
	await p.page.goto(path);
	await p.page.getByLabel('Your nickname').fill(p.name);
	await p.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(p.page.locator('[data-status=waiting]')).toBeVisible();
	await expect(p.page.locator('[data-me]')).toHaveText(`You are ${p.name}`);
}

async function answer(p: Phone, q: Question, right: boolean): Promise<void> {
	await expect(p.page.locator(`section[data-question="${q.id}"]`)).toBeVisible();
	for (const k of keysFor(q, right, await shownChoices(p.page))) await p.page.keyboard.press(k);
	if (q.kind === 'flags') await p.page.getByRole('button', { name: 'Send answer' }).click();
	await expect(p.page.locator('[data-status=sent]')).toBeVisible();
}

test('a whole live session: host screen, three phones, a reload mid-question, the report', async ({
	page,
	browser,
	axe
}) => {
	test.setTimeout(180_000);
	const scenarioId = pickScenario();

	// The facilitator creates a room of one hand-picked scenario.
	await page.goto('/host');
	await page.getByLabel('Hand-picked scenarios').check();
	await page.locator(`[data-scenario="${scenarioId}"]`).check();
	await page.getByRole('button', { name: 'Create the room' }).click();
	await expect(page).toHaveURL(/\/host\/[A-Z0-9]{6}$/);
	const code = (await page.locator('[data-room-code]').textContent())?.trim() ?? '';
	const joinUrl = (await page.locator('[data-join-url]').textContent())?.trim() ?? '';
	expect(new URL(joinUrl).pathname).toBe(`/live/${code}`);
	await expect(page.getByRole('img', { name: /QR code to join/ })).toBeVisible();
	await expect(page.locator('[data-player-count]')).toHaveAttribute('data-player-count', '0');
	expect(await axe()).toEqual([]);

	// Three phones join: one by typing the code, two by the QR code's path. Names are text.
	const phones = [
		await phone(browser, '<script>x()</script>'),
		await phone(browser, '李雷 🎉'),
		await phone(browser, 'Ana')
	];
	const [p0, p1, p2] = phones as [Phone, Phone, Phone];
	await p0.page.goto('/join');
	await p0.page.getByLabel('Room code').fill(code.toLowerCase());
	await p0.page.getByRole('button', { name: 'Join' }).click();
	await expect(p0.page).toHaveURL(new RegExp(`/live/${code}$`));
	// Instant feedback from the nickname rules, before anything is sent.
	await p0.page.getByLabel('Your nickname').fill('x'.repeat(25));
	await expect(p0.page.getByRole('alert')).toContainText('at most 24 characters');
	await joinAs(p0, `/live/${code}`);
	await joinAs(p1, new URL(joinUrl).pathname);
	// A taken nickname is refused by the server, with its reason shown.
	await p2.page.goto(`/live/${code}`);
	await p2.page.getByLabel('Your nickname').fill('李雷 🎉');
	await p2.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(p2.page.getByRole('alert')).toContainText('already has that nickname');
	await joinAs(p2, `/live/${code}`);

	await expect(page.locator('[data-player-count]')).toHaveAttribute('data-player-count', '3');
	const names = page.getByRole('list', { name: 'Players in the room' });
	await expect(names.getByText('<script>x()</script>', { exact: true })).toBeVisible();
	await expect(names.getByText('李雷 🎉', { exact: true })).toBeVisible();

	// Right or wrong on purpose: p0 always right, p1 always wrong, p2 right then wrong in turn.
	const plan = (player: number, i: number) =>
		player === 0 ? true : player === 1 ? false : i % 2 === 0;
	const scores = [0, 0, 0];
	const keys = ['ArrowRight', 'Enter', ' ', 'PageDown'];
	let press = 0;
	const advance = async (phase: string) => {
		// A step is ignored while the previous one is still in flight (a clicker's double press).
		await expect(page.locator('[data-action]')).toBeEnabled();
		await page.keyboard.press(keys[press++ % keys.length] ?? 'ArrowRight');
		await expect(page.locator('.host')).toHaveAttribute('data-phase', phase);
	};

	await advance('open');
	let i = 0;
	for (;;) {
		const id = (await page.locator('section.question').getAttribute('data-question')) ?? '';
		const q = byId.get(id);
		if (!q) throw new Error(`unknown question ${id}`);
		await expect(page.getByRole('list', { name: 'The script' })).toBeVisible();

		if (i === 0) {
			await expect(p0.page.locator(`section[data-question="${q.id}"]`)).toBeVisible();
			expect(await fitsWidth(p0.page), 'player question at 360 px').toBe(true);
			const phoneAxe = await axeViolations(p0.page);
			expect(phoneAxe).toEqual([]);
		}
		// The phones answer side by side, as in a room.
		await Promise.all(phones.map((p, n) => answer(p, q, plan(n, i))));
		await expect(page.locator('[data-answered]')).toHaveAttribute('data-answered', '3');
		if (i === 0) expect(await axe()).toEqual([]);

		if (i === 1) {
			// A phone reloads mid-question: same player, the answer still counted, the score kept.
			await p2.page.reload();
			await expect(p2.page.locator('[data-status=sent]')).toBeVisible();
			await expect(p2.page.locator('[data-me]')).toHaveText('You are Ana');
			await expect(p2.page.locator('[data-score]')).toHaveAttribute(
				'data-score',
				String(scores[2])
			);
		}

		await advance('closed');
		await advance('reveal');
		await expect(page.locator('[data-reveal]')).toBeVisible();
		await expect(page.locator('.line.flagged').first()).toBeVisible();
		for (const n of phones.keys()) if (plan(n, i)) scores[n] = (scores[n] ?? 0) + 100;
		await Promise.all(
			phones.map(async (p, n) => {
				await expect(p.page.locator('[data-correct]')).toHaveAttribute(
					'data-correct',
					String(plan(n, i))
				);
				await expect(p.page.locator('[data-score]')).toHaveAttribute(
					'data-score',
					String(scores[n])
				);
			})
		);
		await advance('discussion');
		await expect(page.locator('[data-discuss]')).toContainText('What would you reply?');
		const last = (await page.locator('[data-action]').textContent())?.includes('report');
		if (last) break;
		await advance('open');
		i++;
	}

	// The last "next" shows the team report; phones get their final score and rank.
	await advance('report');
	const report = page.locator('[data-report]');
	await expect(report).toBeVisible();
	await expect(report.getByRole('list', { name: 'Per question' }).locator('li')).toHaveCount(i + 1);
	await expect(report.getByRole('list', { name: 'By lure type' })).toContainText('%');
	await expect(report.getByRole('list', { name: 'By red flag' })).toBeVisible();
	await expect(report.getByText('Most-missed scenarios')).toBeVisible();
	expect(await axe()).toEqual([]);
	for (const [n, p] of phones.entries()) {
		await expect(p.page.locator('[data-status=final]')).toContainText(`Your score: ${scores[n]}`);
	}
	await expect(p0.page.locator('[data-rank]')).toHaveAttribute('data-rank', '1');
	await expect(p1.page.locator('[data-rank]')).toHaveAttribute('data-rank', '3');
	// A phone reloaded during the report still shows its score and rank.
	await p1.page.reload();
	await expect(p1.page.locator('[data-status=final]')).toContainText(`Your score: ${scores[1]}`);
	await expect(p1.page.locator('[data-rank]')).toHaveAttribute('data-rank', '3');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`fraud-drill-${code}.csv`);

	// The missed questions become a follow-up session, and the last session's misses are remembered.
	await page.getByRole('button', { name: 'Review these with the team' }).click();
	await expect(page).not.toHaveURL(new RegExp(`/host/${code}$`));
	await expect(page.locator('[data-room-code]')).toBeVisible();
	await page.goto('/host');
	await expect(page.getByText(/questions? missed last time/)).toBeVisible();

	for (const p of phones) {
		expect(p.errors, `console errors on ${p.name}`).toEqual([]);
		await p.context.close();
	}
});

test('the player page explains a wrong room code instead of going blank', async ({ page }) => {
	await page.goto('/join');
	await page.getByLabel('Room code').fill('12');
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByRole('alert')).toContainText('6 letters and digits');
});
