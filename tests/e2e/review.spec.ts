import type { Page } from '@playwright/test';
import { answerByKeyboard, goOn, plantHistory, screen } from './drill';
import { expect, test } from './fixtures';

/** Takes a quick drill, answering wrong at the given positions and right (sure) elsewhere. */
async function drill(page: Page, wrongAt: number[]): Promise<string[]> {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').click();
	const missed: string[] = [];
	for (let i = 0; i < 10; i++) {
		const q = await answerByKeyboard(page, !wrongAt.includes(i));
		if (wrongAt.includes(i)) missed.push(q.id);
		await page.keyboard.press('Enter');
	}
	await expect(page.locator('.results')).toBeVisible();
	await page.locator('[data-storage=saved]').waitFor();
	return missed;
}

/**
 * Answers the first `count` questions of a quick drill, wrong at the given positions, then quits it: the
 * answers stay in the history (a whole drill to the results is walked in the first test).
 */
async function answerSome(page: Page, count: number, wrongAt: number[]): Promise<void> {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').click();
	for (let i = 0; i < count; i++) {
		await answerByKeyboard(page, !wrongAt.includes(i));
		await page.keyboard.press('Enter');
	}
	await page.getByRole('button', { name: 'Quit drill' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Leave the drill' }).click();
	await expect(page.locator('[data-deck=quick]')).toBeVisible();
	await page.locator('[data-storage=saved]').waitFor();
}

/** Answers every question of the deck on screen rightly, then waits for the results. */
async function answerAllRight(page: Page): Promise<void> {
	while ((await screen(page)) !== 'results') {
		await answerByKeyboard(page, true);
		await page.keyboard.press('Enter');
	}
	await page.locator('[data-storage=saved]').waitFor();
}

async function openReview(page: Page) {
	await page.goto('/review');
	await page.locator('[data-ready=true]').waitFor();
}

test('missed questions are listed, retried, and leave the list once learned', async ({
	page,
	axe
}) => {
	const missed = await drill(page, [0, 4, 7]);
	await openReview(page);
	await expect(page.locator('[data-listed]')).toHaveAttribute('data-listed', '3');
	const listed = await page
		.locator('[data-review]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-review')));
	expect(listed.sort()).toEqual([...missed].sort());
	// Each entry explains itself.
	await page.locator('[data-review] summary').first().click();
	await expect(page.locator('[data-review] dt').first()).toHaveText('Your answer');
	expect(await axe()).toEqual([]);

	// Nothing answered today is due again today: the list waits, the retry is there to use now.
	await expect(page.locator('[data-due]')).toHaveAttribute('data-due', '0');

	// First retry: two right, one wrong. The two leave the list, and the page says what changed.
	await page.locator('[data-action=retry-all]').click();
	await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '3');
	for (const right of [true, false, true]) {
		await answerByKeyboard(page, right);
		await page.keyboard.press('Enter');
	}
	await expect(page.locator('.results')).toBeVisible();
	await page.locator('[data-storage=saved]').waitFor();
	await openReview(page);
	await expect(page.locator('[data-listed]')).toHaveAttribute('data-listed', '1');
	await expect(page.locator('[data-retry-fixed]')).toHaveText(
		'Your last review: 2 fixed, 1 still on your list.'
	);
	await expect(page.locator('[data-due]')).toHaveAttribute('data-due', '0');

	// Second retry: the last one is learned and leaves too.
	await page.locator('[data-action=retry-all]').click();
	await answerAllRight(page);
	await openReview(page);
	await expect(page.locator('[data-listed]')).toHaveAttribute('data-listed', '0');
	await expect(page.locator('[data-review]')).toHaveCount(0);
	await expect(page.locator('[data-retry-fixed]')).toHaveAttribute('data-retry-fixed', '1');
	await expect(page.locator('[data-retry-fixed]')).toHaveAttribute('data-retry-left', '0');
	// Progress over time shows the three drills.
	await expect(page.getByText('3 drills, 14 answers so far.')).toBeVisible();
});

test('a review deck resumes exactly after a reload', async ({ page }) => {
	// Three missed answers in the history, planted (playing them is the first test's part).
	await plantHistory(page, [true, false, false, false]);
	await openReview(page);
	await expect(page.locator('[data-listed]')).toHaveAttribute('data-listed', '3');
	await page.locator('[data-action=retry-all]').click();
	await answerByKeyboard(page, true);
	await goOn(page);
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	const question = await page.locator('[data-question]').getAttribute('data-question');
	await page.locator('[data-storage=saved]').waitFor();
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	// The review deck is resumed, not started again.
	await expect(page.locator('[data-notice=resume]')).toContainText('Question 2 of 3.');
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', question ?? '');
	await expect(page.locator('.bar')).toContainText('1 of 1 right');
});

test('the home page and the review page count the same questions due, the day after a miss', async ({
	page
}) => {
	const start = new Date('2026-03-02T09:00:00');
	await page.clock.install({ time: start });
	await page.goto('/');
	await expect(page.locator('[data-due-today]')).toHaveCount(0);
	await answerSome(page, 3, [2]);
	// Missed today, due tomorrow: nothing is due the same day.
	await page.goto('/');
	await expect(page.locator('[data-due-counted]')).toHaveAttribute('data-due-counted', '0');
	await expect(page.locator('[data-due-today]')).toHaveCount(0);

	await page.clock.setSystemTime(new Date(start.getTime() + 24 * 3600_000));
	await page.goto('/');
	await expect(page.locator('[data-due-today]')).toBeVisible();
	const due = Number(await page.locator('[data-due-today]').getAttribute('data-due-today'));
	expect(due).toBeGreaterThanOrEqual(1);
	await page.locator('[data-due-today] a').click();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-due]')).toHaveAttribute('data-due', String(due));
	await expect(page.locator('[data-due-split]')).toContainText('1 from your list');
});
