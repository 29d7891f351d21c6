import type { Page } from '@playwright/test';
import type { Scenario } from '../../src/lib/scenarios/schema';
import { namesSpeaker, scriptRuns } from '../../src/lib/scenarios/script';
import { shippedBank } from './bank';
import { lowContrastInPage, type LowContrast } from './contrast';
import { answerByKeyboard, plantHistory, screen } from './drill';
import { expect, settled, test } from './fixtures';

const bank = shippedBank();

/** True when nothing on the page is wider than the 360 px screen. */
async function fitsWidth(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** What a scenario page shows, read in one go once it has rendered. */
interface ScenarioFacts {
	/** The page's level-one headings (one: the scenario's title). */
	titles: string[];
	lang: string;
	fits: boolean;
	steps: number;
	decisions: number;
	frames: (string | null)[];
	/** How many speaker names each listed step (1-based) carries. */
	named: Record<string, number>;
	/** Script lines whose text is below the WCAG AA contrast against what is painted behind it. */
	lowContrast: LowContrast[];
}

/** Reads ScenarioFacts inside the page; sent there as its source, with lowContrastInPage's. */
function scenarioFactsInPage(
	numbers: readonly number[],
	lowContrast: (min: number) => LowContrast[]
): ScenarioFacts {
	const named: Record<string, number> = {};
	for (const n of numbers) named[n] = document.querySelectorAll(`[data-step="${n}"] .who`).length;
	return {
		titles: [...document.querySelectorAll('main h1')].map((h) =>
			(h.textContent ?? '').replace(/\s+/g, ' ').trim()
		),
		lang: document.documentElement.lang,
		fits: document.documentElement.scrollWidth <= window.innerWidth,
		steps: document.querySelectorAll('[data-step]').length,
		decisions: document.querySelectorAll('.decision').length,
		frames: [...document.querySelectorAll('.run')].map(
			(el) => [...el.classList].find((c) => c.startsWith('ch-'))?.slice(3) ?? null
		),
		named,
		lowContrast: lowContrast(4.5)
	};
}

/**
 * Everything the walk checks on a scenario page, in one round trip: the walk reads 120 pages (every
 * scenario in two languages), and a heading check, a structure read and a contrast read apiece were three.
 */
function scenarioFacts(page: Page, steps: readonly number[]): Promise<ScenarioFacts> {
	return page.evaluate<ScenarioFacts>(
		`(${scenarioFactsInPage.toString()})(${JSON.stringify(steps)}, ${lowContrastInPage.toString()})`
	);
}

const LANGUAGES = {
	en: { lang: 'en', title: (s: Scenario) => s.title.en, switchTo: '中文', other: 'zh' },
	zh: { lang: 'zh-CN', title: (s: Scenario) => s.title.zh, switchTo: 'English', other: 'en' }
} as const;

test('home, library and every scenario fit a 360 px phone in English and Chinese; every scenario opens from the library into its full script, every line readable, with no console error', async ({
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
	// checks the width and the script in both languages: each scenario is read in the language the library
	// was in, then the header's switch turns it into the other one, which the next scenario starts in (the
	// choice is kept). The script checks read the page's structure and the colours it paints, which do not
	// depend on its width (this walk was once a desktop walk, a phone walk and a Chinese phone walk).
	let language: keyof typeof LANGUAGES = 'en';
	for (const s of bank.scenarios) {
		// A message from anyone but the chat's partner carries its speaker's name.
		const named = scriptRuns(s).flatMap((run) =>
			run.steps.filter(({ step }) => namesSpeaker(run, step)).map(({ index }) => index + 1)
		);
		// Channels appear as mock-ups in script order.
		const runs = s.steps.map((st) => st.channel).filter((c, i, all) => i === 0 || all[i - 1] !== c);
		await page.locator(`[data-scenario="${s.id}"]`).click();
		for (const step of [0, 1]) {
			const words: (typeof LANGUAGES)[keyof typeof LANGUAGES] = LANGUAGES[language];
			const where = `/library/${s.id} (${language})`;
			// The page in this language, drawn whole, and every line's text readable against the background
			// it is really drawn on (WCAG AA).
			await expect
				.poll(() => scenarioFacts(page, named), { message: where, intervals: [50, 100, 250] })
				.toEqual({
					titles: [words.title(s).replace(/\s+/g, ' ').trim()],
					lang: words.lang,
					fits: true,
					steps: s.steps.length,
					decisions: s.decisions.length,
					frames: runs,
					named: Object.fromEntries(named.map((n) => [String(n), 1])),
					lowContrast: []
				});
			if (step === 0) {
				await page.locator('header.top').getByRole('button', { name: words.switchTo }).click();
				language = words.other;
			}
		}
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
	// Some history first (planted: two of three missed), so the review page has its list and charts.
	await plantHistory(page, [false, true, false]);
	for (const path of ['/review', '/data', '/present', '/host', '/join']) {
		await page.goto(path);
		await settled(page);
		expect(await fitsWidth(page), path).toBe(true);
		expect(await axe(), path).toEqual([]);
	}
});
