import { shippedBank } from './bank';
import { answerByKeyboard, goOfflineAfterFirstVisit } from './drill';
import { expect, test } from './fixtures';

// This spec tests the service worker, which the other specs block (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

const bank = shippedBank();

test('after one visit, a whole drill works with the network off', async ({ page, context }) => {
	await goOfflineAfterFirstVisit(page, context);
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').click();
	for (let i = 0; i < 10; i++) {
		// Mid-drill, offline, the language switches and back: the other language's files are in the
		// worker's cache.
		if (i === 5) {
			await expect(page.locator('[data-screen=feedback]')).toHaveCount(0);
			await page.locator('[data-question] [data-step]').first().waitFor();
			const id = (await page.locator('[data-question]').getAttribute('data-question')) ?? '';
			const scenario = bank.scenarios.find((s) => s.id === id.split('/')[0])!;
			const firstLine = page.locator('[data-step] .bubble').first();
			await page.getByRole('button', { name: '中文' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
			await expect(firstLine).toHaveText(scenario.steps[0]!.text.zh);
			await page.getByRole('button', { name: 'English' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			await expect(firstLine).toHaveText(scenario.steps[0]!.text.en);
			await expect(page.locator('[data-notice=scenario-load]')).toHaveCount(0);
			await expect(page.locator('[data-question]')).toHaveAttribute('data-question', id);
			// The keys go to the drill again, not to the switch's button.
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		}
		await answerByKeyboard(page, true);
		await page.keyboard.press('Enter');
	}
	await expect(page.locator('[data-score]')).toHaveAttribute('data-score', '10/10');

	// The home page's figures and the library read offline too, by link and by reload.
	await page.goto('/');
	await expect(page.getByText(/\d+ scenarios: \d+ scams/)).toBeVisible();
	await page.getByRole('link', { name: 'Scenario library', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario library');
	await page.locator('[data-scenario]').first().click();
	await expect(page.locator('[data-step]').first()).toBeVisible();
	await page.reload();
	await expect(page.locator('[data-step]').first()).toBeVisible();
	await context.setOffline(false);
});

test("the service worker is registered by the app after the page's load and its first paint, not by the page's HTML", async ({
	page,
	request
}) => {
	expect(await (await request.get('/train')).text()).not.toContain('serviceWorker');
	// When the page had loaded, when the app's page first came on screen and when the worker was registered,
	// in the page's own time: its install fetches every file of the app, which is not to run beside what
	// the first screen waits for.
	await page.addInitScript(() => {
		const times = {} as { loadAt?: number; mainAt?: number; registeredAt?: number };
		(window as unknown as { times: typeof times }).times = times;
		addEventListener('load', () => (times.loadAt = performance.now()));
		new MutationObserver((_, observer) => {
			if (!document.querySelector('#main')) return;
			requestAnimationFrame(() => (times.mainAt = performance.now()));
			observer.disconnect();
		}).observe(document, { subtree: true, childList: true });
		const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
		navigator.serviceWorker.register = (...args) => {
			times.registeredAt ??= performance.now();
			return register(...args);
		};
	});
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.evaluate(() => navigator.serviceWorker.ready);
	const times = await page.evaluate(
		() =>
			(window as unknown as { times: { loadAt: number; mainAt: number; registeredAt: number } })
				.times
	);
	expect(times.registeredAt).toBeGreaterThan(times.mainAt);
	expect(times.registeredAt).toBeGreaterThan(times.loadAt);
});
