/**
 * The drill's files in the learner's language: a visitor fetches the bank's index, its scenarios and the
 * page's UI texts in the language the page is in (the browser's, or the one chosen before), never the
 * other; a switch mid-drill fetches the other language of all the page holds before the page changes
 * language, keeps the drill where it was, and, when those files cannot be fetched, says so and keeps the
 * language.
 */
import type { Page, Request } from '@playwright/test';
import { shippedBank } from './bank';
import { screen, storedSettings } from './drill';
import { axeViolations, expect, test } from './fixtures';

// A first visit, as a phone without the service worker sees it: every file comes from the network.
test.use({ serviceWorkers: 'block' });

const bank = shippedBank();

/** The files of the drill's UI texts (one per language: those of the drill's own file). */
const TEXTS = /^\/_app\/immutable\/chunks\/text-/;

/** The drill's files the page asked for: index, scenarios and UI texts, by path. */
function drillFiles(page: Page): string[] {
	const paths: string[] = [];
	page.on('request', (r: Request) => {
		const path = new URL(r.url()).pathname;
		if (path.startsWith('/bank-index') || path.startsWith('/scenarios/') || TEXTS.test(path))
			paths.push(path);
	});
	return paths;
}

/** Whether a file the page asked for is in Chinese. */
const inChinese = (path: string) => /\.zh-CN\.(json|\w+\.js)$/.test(path);

/** Starts a Quick 10 and stops on its first question's script. */
async function startQuick(page: Page): Promise<string> {
	await page.goto('/train');
	await page.locator('[data-ready=true] [data-deck=quick]').click();
	await page.locator('[data-question] [data-step]').first().waitFor();
	return (await page.locator('[data-question]').getAttribute('data-question')) ?? '';
}

/** The shipped bank's scenario of a question id. */
const scenarioOf = (questionId: string) =>
	bank.scenarios.find((s) => s.id === questionId.split('/')[0])!;

/** The texts of the script's lines on screen. */
const lines = (page: Page) => page.locator('[data-step] .bubble').allInnerTexts();

test('an English visitor fetches the drill in English only, a Chinese one in Chinese only, and a choice made before wins', async ({
	page,
	browser
}) => {
	const english = drillFiles(page);
	const id = await startQuick(page);
	expect(english.filter((p) => p.startsWith('/bank-index'))).toEqual(['/bank-index.en.json']);
	expect(english.some((p) => p.includes('zh-CN'))).toBe(false);
	expect(english).toContain(`/scenarios/${scenarioOf(id).id}.en.json`);
	expect(english.filter((p) => TEXTS.test(p))).toHaveLength(1);
	expect((await lines(page))[0]).toBe(scenarioOf(id).steps[0]!.text.en);
	// The file holds what a drill shows and grades, not what only the library shows.
	const file = await page.evaluate(
		async (path) => (await fetch(path)).json() as Promise<object>,
		`/scenarios/${scenarioOf(id).id}.en.json`
	);
	expect(Object.keys(file).sort()).toEqual(
		['decisions', 'explanation', 'id', 'lure', 'safe_actions', 'steps', 'title', 'verdict'].sort()
	);

	for (const [locale, choose] of [
		['zh-CN', false],
		['en-US', true]
	] as const) {
		const context = await browser.newContext({ locale, serviceWorkers: 'block' });
		const chinese = await context.newPage();
		// An English browser whose learner chose Chinese on an earlier visit (kept, and mirrored for the
		// page's first script).
		if (choose) {
			await chinese.goto('/');
			await chinese.getByRole('button', { name: '中文' }).click();
			await expect.poll(() => storedSettings(chinese)).toMatchObject({ locale: 'zh-CN' });
		}
		const paths = drillFiles(chinese);
		const zhId = await startQuick(chinese);
		await expect(chinese.locator('html')).toHaveAttribute('lang', 'zh-CN');
		expect(paths.filter((p) => p.startsWith('/bank-index'))).toEqual(['/bank-index.zh-CN.json']);
		expect(paths.every(inChinese), paths.join(' ')).toBe(true);
		expect(paths.filter((p) => TEXTS.test(p))).toHaveLength(1);
		await expect(chinese.getByRole('button', { name: '退出练习' })).toBeVisible();
		// The first scenario, drawn and fetched by the page's HTML, is fetched once.
		const first = `/scenarios/${scenarioOf(zhId).id}.zh-CN.json`;
		expect(paths.filter((p) => p === first)).toHaveLength(1);
		expect((await lines(chinese))[0]).toBe(scenarioOf(zhId).steps[0]!.text.zh);
		await context.close();
	}
});

test('a switch mid-drill fetches the other language of all the page holds first, then changes at once, the drill kept', async ({
	page
}) => {
	const paths = drillFiles(page);
	// What each painted frame shows: the page's language and the script's first line.
	await page.addInitScript(() => {
		const frames: string[] = [];
		(window as unknown as { __frames: string[] }).__frames = frames;
		const look = () => {
			const line = document.querySelector('[data-step] .bubble')?.textContent?.trim();
			if (line) frames.push(`${document.documentElement.lang}|${line}`);
			requestAnimationFrame(look);
		};
		requestAnimationFrame(look);
	});
	const id = await startQuick(page);
	const scenario = scenarioOf(id);
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	await page.locator('[data-screen=asking]').waitFor();
	const held = new Set(
		paths.filter((p) => p.startsWith('/scenarios/')).map((p) => p.split('/')[2]!.split('.')[0]!)
	);
	// The Chinese files (the drill's and the UI texts') wait until the test lets them through.
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	for (const files of ['**/*.zh-CN.json', '**/chunks/text-*.zh-CN.*.js'])
		await page.route(files, async (route) => {
			await released;
			await route.continue();
		});
	await page.getByRole('button', { name: '中文' }).click();
	await expect.poll(() => paths.filter((p) => p.endsWith('.zh-CN.json')).length).toBeGreaterThan(0);
	await expect.poll(() => paths.filter((p) => TEXTS.test(p) && inChinese(p)).length).toBe(1);
	// Meanwhile the page is as it was, all in English, and can be read.
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	expect((await lines(page))[0]).toBe(scenario.steps[0]!.text.en);
	await expect(page.getByRole('button', { name: 'Quit drill' })).toBeVisible();
	// The chosen button says the switch is under way.
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-busy', 'true');
	release();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	expect((await lines(page))[0]).toBe(scenario.steps[0]!.text.zh);
	// The UI's own words changed with it.
	await expect(page.getByRole('button', { name: '退出练习' })).toBeVisible();
	await expect(page.getByRole('button', { name: '暂停' })).toBeVisible();
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', id);
	await expect(page.locator('[data-screen=asking]')).toBeVisible();
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-busy', 'false');
	// The index and each scenario the page held, in Chinese, once each.
	const chinese = paths.filter((p) => p.endsWith('.zh-CN.json'));
	expect(chinese.filter((p) => p.startsWith('/bank-index'))).toEqual(['/bank-index.zh-CN.json']);
	const scenarios = chinese.filter((p) => p.startsWith('/scenarios/'));
	expect(new Set(scenarios).size).toBe(scenarios.length);
	for (const s of held) expect(scenarios).toContain(`/scenarios/${s}.zh-CN.json`);
	// No painted frame showed the old language's script under the new language, or the other way round.
	const frames = await page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
	for (const frame of frames)
		expect([`en|${scenario.steps[0]!.text.en}`, `zh-CN|${scenario.steps[0]!.text.zh}`]).toContain(
			frame
		);
	expect(frames.at(-1)).toBe(`zh-CN|${scenario.steps[0]!.text.zh}`);
});

test('a switch whose files cannot be fetched says so and keeps the language and the drill; trying again switches', async ({
	page,
	consoleErrors
}) => {
	const id = await startQuick(page);
	const scenario = scenarioOf(id);
	await page.route('**/*.zh-CN.json', (route) => route.abort('internetdisconnected'));
	await page.getByRole('button', { name: '中文' }).click();
	const notice = page.locator('[data-notice=scenario-load]');
	await expect(notice).toContainText('could not be loaded');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// Said once, by the page: the switch adds no notice of its own.
	await expect(page.locator('[data-notice=locale-failed]')).toHaveCount(0);
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-busy', 'false');
	expect((await lines(page))[0]).toBe(scenario.steps[0]!.text.en);
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', id);

	await page.unroute('**/*.zh-CN.json');
	await notice.getByRole('button', { name: 'Try again' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(notice).toHaveCount(0);
	expect((await lines(page))[0]).toBe(scenario.steps[0]!.text.zh);
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', id);
	consoleErrors.splice(
		0,
		consoleErrors.length,
		...consoleErrors.filter((e) => !e.startsWith('Failed to load resource'))
	);
});

test('a switch whose UI texts cannot be fetched keeps the language and says so, over the page; choosing again switches', async ({
	page,
	consoleErrors
}) => {
	// The check's page: a drill page (its texts are the drill's file's) with no notice of its own.
	await page.goto('/check');
	const heading = page.getByRole('heading', { level: 1 });
	const english = await heading.innerText();
	await page.route('**/chunks/text-*.zh-CN.*.js', (route) => route.abort('internetdisconnected'));
	await page.getByRole('button', { name: '中文' }).click();
	const notice = page.locator('[data-notice=locale-failed]');
	await expect(notice).toHaveAttribute('role', 'alert');
	await expect(notice).toContainText('Could not switch the language');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(heading).toHaveText(english);
	// Over the page, not pushing it down: the heading is where it was.
	expect(await notice.evaluate((n) => getComputedStyle(n).position)).toBe('fixed');
	expect(await axeViolations(page)).toEqual([]);
	// It can be put away, and comes back with the next failed choice.
	await notice.getByRole('button', { name: 'OK' }).click();
	await expect(notice).toHaveCount(0);
	await page.getByRole('button', { name: '中文' }).click();
	await expect(notice).toBeVisible();

	await page.unroute('**/chunks/text-*.zh-CN.*.js');
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(notice).toHaveCount(0);
	await expect(heading).not.toHaveText(english);
	consoleErrors.splice(
		0,
		consoleErrors.length,
		...consoleErrors.filter((e) => !e.startsWith('Failed to load resource'))
	);
});
