/**
 * The app as a Chinese reader meets it: a browser that prefers Chinese gets Chinese pages, a whole quick
 * drill by keyboard in Chinese (feedback, results, review), the language switch and its memory, a live
 * session with one Chinese and one English phone, and axe on the Chinese pages.
 */
import type { Browser, Page } from '@playwright/test';
import { generateQuestions, type Question } from '../../src/lib/scenarios/generate';
import { shippedBank } from './bank';
import {
	answerByKeyboard,
	currentQuestion,
	keysFor,
	saved,
	shownChoices,
	storedSettings
} from './drill';
import { axeViolations, expect, settled, SOON, test } from './fixtures';

test.use({ locale: 'zh-CN' });

const bank = shippedBank();
const questions = generateQuestions(bank);
const byId = new Map<string, Question>(questions.map((q) => [q.id, q]));

/**
 * Latin words of three letters or more in the page's main text, apart from the few a Chinese page
 * shows as such (key names, file formats, the Wi-Fi, the "English" of the language switch).
 */
async function englishWords(page: Page, selector = 'main'): Promise<string[]> {
	const allowed = new Set(['Enter', 'Shift', 'Esc', 'CSV', 'JSON', 'Wi', 'Fi', 'English', 'QQ']);
	const text = await page.locator(selector).innerText();
	return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w));
}

test('a browser that prefers Chinese gets Chinese; the switch changes it at once and remembers it', async ({
	page,
	axe
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('练一练，认出诈骗话术');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('navigation', { name: '主菜单' })).toContainText('练习');
	expect(await englishWords(page), 'English on the Chinese home page').toEqual([]);
	expect(await axe(), 'home in Chinese').toEqual([]);

	// The switch is in the header; English applies at once, without a reload.
	const switcher = page.getByRole('group', { name: '语言' });
	await switcher.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Practise spotting fraud scripts'
	);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	// The choice is kept in the settings store and wins over the browser's preference on every page.
	await expect.poll(() => storedSettings(page), SOON).toMatchObject({ locale: 'en' });
	await page.goto('/train');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Train');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Train');
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('练习');
	await expect.poll(() => storedSettings(page), SOON).toMatchObject({ locale: 'zh-CN' });
});

test('a whole quick drill by keyboard in Chinese: questions, feedback, results and review', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.getByRole('heading', { name: '选一种练习' })).toBeVisible();
	expect(await englishWords(page), 'English on the Chinese train page').toEqual([]);
	expect(await axe(), 'train page in Chinese').toEqual([]);

	// Reach the quick drill with Tab alone.
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		const deck = await page.evaluate(() => document.activeElement?.getAttribute('data-deck'));
		if (deck === 'quick') break;
	}
	await page.keyboard.press('Enter');

	const plan = [true, false, true, true, false, true, false, true, true, false];
	for (const [i, right] of plan.entries()) {
		await expect(page.locator('.bar')).toContainText(`第 ${i + 1}/10 题`);
		if (i === 0) {
			while ((await page.locator('[data-screen=presenting]').count()) > 0)
				await page.keyboard.press('Enter');
			const q = await currentQuestion(page);
			const heading = {
				decide: '现在你会怎么做？',
				flags: '找出危险信号',
				verdict: '是骗局还是正规的？',
				stop: '你应该在哪一步停下？'
			}[q.kind];
			await expect(page.locator('[data-screen=asking]')).toContainText(heading);
			await expect(page.getByRole('button', { name: /提交——我确定/ })).toBeVisible();
			expect(await axe(), 'question in Chinese').toEqual([]);
		}
		await answerByKeyboard(page, right, i === 4);
		const feedback = page.locator('[data-correct]');
		await expect(feedback).toHaveAttribute('data-correct', String(right));
		await expect(feedback).toContainText(right ? '答对了' : '不太对');
		await expect(feedback).toContainText('安全做法');
		if (i === 1) expect(await axe(), 'feedback in Chinese').toEqual([]);
		await page.keyboard.press('Enter');
	}

	const rights = plan.filter(Boolean).length;
	await expect(page.locator('[data-score]')).toHaveAttribute('data-score', `${rights}/10`);
	await expect(page.getByText(`共 10 题，答对 ${rights} 题（${rights * 10}%）`)).toBeVisible();
	await expect(page.getByRole('list', { name: '按骗术类型' })).toBeVisible();
	await expect(page.getByRole('list', { name: '你有多确定' })).toContainText('不确定，答错');
	expect(await axe(), 'results in Chinese').toEqual([]);
	await saved(page);

	await page.goto('/review');
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('复习');
	await expect(page.locator('[data-listed]')).toHaveAttribute('data-listed', String(10 - rights));
	await page.locator('[data-review] summary').first().click();
	await expect(page.locator('[data-review] dt').first()).toHaveText('你的答案');
	await expect(page.locator('[data-review] dt').nth(1)).toHaveText('正确答案');
	expect(await axe(), 'review in Chinese').toEqual([]);
});

test('the library, your data and the team-session pages are Chinese and pass axe', async ({
	page,
	axe
}) => {
	for (const [path, title] of [
		['/library', '情景库'],
		['/data', '我的数据'],
		['/host', '新建集体演练'],
		['/join', '加入集体演练'],
		['/present', '演示模式']
	] as const) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(title);
		await settled(page);
		if (path !== '/library') expect(await englishWords(page), path).toEqual([]);
		expect(await axe(), path).toEqual([]);
	}
	const scenario = bank.scenarios[0];
	await page.goto(`/library/${scenario?.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario?.title.zh ?? '');
	await page.getByRole('button', { name: '显示危险信号' }).click();
	expect(await axe(), 'scenario page in Chinese').toEqual([]);
});

/** A scam scenario whose every question can be answered right and wrong with number keys 1–9. */
function pickScenario(): string {
	for (const s of bank.scenarios) {
		if (s.verdict !== 'scam') continue;
		const qs = questions.filter((q) => q.scenarioId === s.id);
		try {
			for (const q of qs)
				for (const right of [true, false])
					keysFor(q, right, q.kind === 'decide' ? q.options.map((_, i) => i) : undefined);
			if (qs.length >= 2) return s.id;
		} catch {
			// A key beyond 9: try the next scenario.
		}
	}
	throw new Error('no scenario fits');
}

async function phone(browser: Browser, locale: string) {
	const context = await browser.newContext({
		locale,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(msg.text());
	});
	return { context, page, errors };
}

test('a live session with one Chinese and one English phone; the host picks the screen language', async ({
	page,
	browser,
	axe
}) => {
	test.setTimeout(180_000);
	const scenarioId = pickScenario();
	await page.goto('/host');
	await page.getByLabel('自己挑选情景').check();
	await page.locator(`[data-scenario="${scenarioId}"]`).check();
	await page.getByRole('button', { name: '创建房间' }).click();
	await expect(page).toHaveURL(/\/host\/[A-Z0-9]{6}$/);
	const code = (await page.locator('[data-room-code]').textContent())?.trim() ?? '';
	await expect(page.getByRole('img', { name: /扫码加入的二维码/ })).toBeVisible();
	expect(await axe(), 'host lobby in Chinese').toEqual([]);

	const zh = await phone(browser, 'zh-CN');
	const en = await phone(browser, 'en-US');
	await zh.page.goto(`/live/${code}`);
	await zh.page.getByLabel('你的昵称').fill('王阿姨');
	await zh.page.getByRole('button', { name: '加入', exact: true }).click();
	await expect(zh.page.locator('[data-me]')).toHaveText('你是 王阿姨');
	await en.page.goto(`/live/${code}`);
	await en.page.getByLabel('Your nickname').fill('Ana');
	await en.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(en.page.locator('[data-me]')).toHaveText('You are Ana');
	await expect(page.locator('[data-player-count]')).toHaveAttribute('data-player-count', '2');

	const advance = async (phase: string) => {
		await expect(page.locator('[data-action]')).toBeEnabled();
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('.host')).toHaveAttribute('data-phase', phase);
	};
	await advance('open');
	for (let i = 0; ; i++) {
		const id = (await page.locator('section.question').getAttribute('data-question')) ?? '';
		const q = byId.get(id);
		if (!q) throw new Error(`unknown question ${id}`);
		// Each phone asks in its own language; the Chinese one passes axe and fits 360 px.
		for (const [p, right] of [
			[zh, true],
			[en, false]
		] as const) {
			await expect(p.page.locator(`section[data-question="${q.id}"]`)).toBeVisible();
			for (const k of keysFor(q, right, await shownChoices(p.page))) await p.page.keyboard.press(k);
			if (q.kind === 'flags')
				await p.page.getByRole('button', { name: p === zh ? '发送答案' : 'Send answer' }).click();
			await expect(p.page.locator('[data-status=sent]')).toBeVisible();
		}
		if (i === 0) {
			expect(await axe(), 'host question in Chinese').toEqual([]);
			expect(
				await zh.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
				'Chinese phone at 360 px'
			).toBe(true);
		}
		await advance('closed');
		await advance('reveal');
		await expect(zh.page.locator('[data-correct]')).toContainText('答对了！');
		await expect(en.page.locator('[data-correct]')).toContainText('Not this time');
		if (i === 0) {
			await expect(zh.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
			expect(await axeViolations(zh.page), 'Chinese phone after the reveal').toEqual([]);
		}
		await advance('discussion');
		await expect(page.locator('[data-discuss]')).toContainText('你会怎么回复？');
		if (i === 0) {
			// The host switches the projector to English and back; the session carries on.
			await page.getByRole('button', { name: 'English' }).click();
			await expect(page.locator('[data-discuss]')).toContainText('What would you reply?');
			await page.getByRole('button', { name: '中文' }).click();
			await expect(page.locator('[data-discuss]')).toContainText('你会怎么回复？');
		}
		if ((await page.locator('[data-action]').textContent())?.includes('报告')) break;
		await advance('open');
	}
	await advance('report');
	const report = page.locator('[data-report]');
	await expect(report.getByRole('heading', { name: '集体报告' })).toBeVisible();
	await expect(report.getByRole('list', { name: '每道题' })).toBeVisible();
	expect(await axe(), 'team report in Chinese').toEqual([]);
	await expect(zh.page.locator('[data-status=final]')).toContainText('你的得分');
	await expect(en.page.locator('[data-status=final]')).toContainText('Your score');
	expect(zh.errors, 'Chinese phone errors').toEqual([]);
	expect(en.errors, 'English phone errors').toEqual([]);
	await zh.context.close();
	await en.context.close();
});
