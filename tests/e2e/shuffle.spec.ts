/**
 * Shuffled options in the browser: a decide question shows its options in the order drawn from the drill's
 * seed (not the authored order of /bank.json), a reloaded and resumed drill shows the same order, and a
 * number key picks the option shown at that number.
 */
import type { Page } from '@playwright/test';
import { optionOrder } from '../../src/lib/quiz/order';
import { generateQuestions, type DecideQuestion } from '../../src/lib/scenarios/generate';
import { shippedBank } from './bank';
import { answerByKeyboard, putRecord, saved, savedDrill, screen, shownChoices } from './drill';
import { expect, test } from './fixtures';

const bank = shippedBank();
const decides = generateQuestions(bank).filter((q): q is DecideQuestion => q.kind === 'decide');

interface ServedBank {
	scenarios: {
		id: string;
		decisions: { id: string; options: { text: { en: string } | string }[] }[];
	}[];
}

/** The authored option texts of a decide question, as the app is served them in /bank.json. */
async function servedOptions(page: Page, q: DecideQuestion): Promise<string[]> {
	const served = (await (await page.request.get('/bank.json')).json()) as ServedBank;
	const decision = served.scenarios
		.find((s) => s.id === q.scenarioId)
		?.decisions.find((d) => d.id === q.decisionId);
	if (!decision) throw new Error(`${q.id} is not in /bank.json`);
	return decision.options.map((o) => (typeof o.text === 'string' ? o.text : o.text.en));
}

/** The option texts on screen, top to bottom. */
async function shownTexts(page: Page): Promise<string[]> {
	return page
		.locator('[data-choice]')
		.evaluateAll((els) => els.map((el) => el.lastElementChild?.textContent?.trim() ?? ''));
}

/** The saved drill's seed, read from IndexedDB as the app stored it. */
async function savedSeed(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('fraud-drill-quiz');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('records').objectStore('records').get('current');
					req.onsuccess = () => {
						open.result.close();
						resolve(
							(req.result as { snapshot: { context: { seed: number } } }).snapshot.context.seed
						);
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

async function resume(page: Page): Promise<void> {
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await page.locator('[data-screen=asking]').waitFor();
}

test.beforeEach(async ({ page }) => {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
});

test('a new drill shows each decide question in its seed’s order, and the same after a reload', async ({
	page
}) => {
	await page.locator('[data-deck=full]').click();
	// Go on to the first decide question (scenarios open with their decisions, so it comes soon).
	for (let i = 0; i < 20; i++) {
		while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
		if ((await page.locator('[data-kind]').getAttribute('data-kind')) === 'decide') break;
		await answerByKeyboard(page, true);
		await page.keyboard.press('Enter');
	}
	const id = await page.locator('[data-question]').getAttribute('data-question');
	const q = decides.find((d) => d.id === id);
	if (!q) throw new Error(`no decide question reached (at ${id})`);
	await saved(page);

	const seed = await savedSeed(page);
	const order = optionOrder(seed, q.id, q.options.length);
	const authored = await servedOptions(page, q);
	expect(await shownChoices(page)).toEqual(order);
	expect(await shownTexts(page)).toEqual(order.map((i) => authored[i]));

	await resume(page);
	expect(await page.locator('[data-question]').getAttribute('data-question')).toBe(q.id);
	expect(await shownChoices(page)).toEqual(order);
	expect(await shownTexts(page)).toEqual(order.map((i) => authored[i]));
});

test('a drill shows options shuffled, keeps the order when resumed, and number keys pick what is shown', async ({
	page
}) => {
	// A question and a seed under which its options are not in authored order and the safe one is not first.
	const q = decides.find((d) => d.options.length >= 3)!;
	const safe = q.options.findIndex((o) => o.safe);
	const seed = Array.from({ length: 500 }, (_, i) => i + 1).find((s) => {
		const order = optionOrder(s, q.id, q.options.length);
		return order[0] !== safe && order.some((c, i) => c !== i);
	})!;
	const order = optionOrder(seed, q.id, q.options.length);
	const at = Date.now();
	// The drill as the app saves it (the machine's persisted snapshot), asking that question under that seed.
	await putRecord(
		page,
		'quiz',
		'current',
		savedDrill([q.id], { seed, revealed: q.visibleSteps, at, runId: 'shuffle-test', asking: true })
	);
	await resume(page);

	const authored = await servedOptions(page, q);
	const shown = await shownTexts(page);
	expect(shown).not.toEqual(authored);
	expect([...shown].sort()).toEqual([...authored].sort());
	expect(shown).toEqual(order.map((i) => authored[i]));

	// A reload mid-question brings the same order back.
	await page.keyboard.press('1');
	await saved(page);
	await resume(page);
	expect(await shownTexts(page)).toEqual(shown);
	// The pick survives as the option itself: still the one shown first.
	await expect(page.locator('[data-choice] input:checked')).toHaveValue(String(order[0]));

	// Key n picks the option shown n-th: the safe one, wherever it landed.
	const key = order.indexOf(safe) + 1;
	await page.keyboard.press(String(key));
	await expect(page.locator('[data-choice].selected')).toHaveAttribute('data-choice', String(safe));
	await expect(page.locator('[data-choice]').nth(key - 1)).toHaveClass(/selected/);
	await page.keyboard.press('Enter');
	await page.locator('[data-screen=feedback]').waitFor();
	await expect(page.locator('[data-correct]')).toHaveAttribute('data-correct', 'true');
	// Feedback names the option by its text.
	await expect(page.getByText(`You chose: ${authored[safe]}`)).toBeVisible();
});
