import { answerByKeyboard, goOfflineAfterFirstVisit } from './drill';
import { expect, test } from './fixtures';

// This spec tests the service worker, which the other specs block (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('after one visit, a whole drill works with the network off', async ({ page, context }) => {
	await goOfflineAfterFirstVisit(page, context);
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').click();
	for (let i = 0; i < 10; i++) {
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
