import { answerByKeyboard, countRecords, goOn, putRecord, saved, screen } from './drill';
import { expect, test } from './fixtures';

test.beforeEach(async ({ page }) => {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
});

test('a whole quick-10 drill by keyboard only, scored as answered, saved to history', async ({
	page,
	axe
}) => {
	// Reach the quick drill with Tab alone.
	for (let i = 0; i < 30; i++) {
		await page.keyboard.press('Tab');
		const deck = await page.evaluate(() => document.activeElement?.getAttribute('data-deck'));
		if (deck === 'quick') break;
	}
	await page.keyboard.press('Enter');
	await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '10');

	const plan = [true, false, true, true, false, true, true, true, false, true];
	for (const [i, right] of plan.entries()) {
		await expect(page.locator('.bar')).toContainText(`Question ${i + 1} of 10`);
		await answerByKeyboard(page, right, i === 3);
		await expect(page.locator('[data-correct]')).toHaveAttribute('data-correct', String(right));
		await page.keyboard.press('Enter');
	}

	const rights = plan.filter(Boolean).length;
	await expect(page.locator('[data-score]')).toHaveAttribute('data-score', `${rights}/10`);
	// Focus moves to the results' heading (once they are painted), not left on the page body.
	await expect(page.locator('#results-title')).toBeFocused();
	await expect(page.getByText(`${rights} of 10 right (${rights * 10}%)`)).toBeVisible();
	await expect(page.locator('[data-missed]')).toHaveCount(10 - rights);
	await expect(page.getByRole('list', { name: 'By lure type' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'How sure you were' })).toContainText(
		'Not sure but right'
	);
	await saved(page);
	expect(await countRecords(page, 'attempts')).toBe(10);
	// The results screen, with misses and an unsure answer on it, passes axe (the other screens: below).
	expect(await axe(), 'results').toEqual([]);
});

test('reloading mid-question offers to continue at the exact question, answer and score', async ({
	page
}) => {
	await page.locator('[data-deck=quick]').click();
	await answerByKeyboard(page, true);
	await page.keyboard.press('Enter');
	await answerByKeyboard(page, false);
	await goOn(page);
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	const question = await page.locator('[data-question]').getAttribute('data-question');
	const kind = await page.locator('[data-kind]').getAttribute('data-kind');
	await page.keyboard.press(kind === 'verdict' || kind === 'decide' ? '2' : '1');
	const checked = await page.locator('input:checked').count();
	await saved(page);

	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-notice=resume]')).toContainText('Question 3 of 10.');
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', question ?? '');
	await expect(page.locator('[data-screen]')).toHaveAttribute('data-screen', 'asking');
	await expect(page.locator('input:checked')).toHaveCount(checked);
	await expect(page.locator('.bar')).toContainText('Question 3 of 10 · 1 of 2 right');
});

test('pausing with Escape keeps the screen, and Enter resumes it', async ({ page }) => {
	await page.locator('[data-deck=quick]').click();
	// The drill starts once its first scenario has arrived.
	await page.locator('[data-screen]').waitFor();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('heading', { name: 'Paused' })).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-screen]')).toBeVisible();
});

// Both kinds of unusable saved drill in one test (one browser context): the drill started after the first
// is the one the second tampers with.
test('a saved drill from an older version, or one whose scenario was removed, is set aside with a message', async ({
	page
}) => {
	await putRecord(page, 'quiz', 'current', {
		savedAt: 1,
		snapshot: { status: 'active', value: 'idle' }
	});
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-notice=set-aside]')).toContainText(
		'the saved drill was made by an older version of Fraud Drill'
	);
	expect(await countRecords(page, 'quarantine')).toBe(1);
	expect(await countRecords(page, 'quiz')).toBe(0);
	// Training goes on.
	await page.locator('[data-deck=quick]').click();
	await expect(page.locator('[data-screen]')).toBeVisible();

	// A saved drill whose scenario was removed is set aside too.
	await saved(page);
	const record = await page.evaluate(
		() =>
			new Promise<unknown>((resolve) => {
				const open = indexedDB.open('fraud-drill-quiz');
				open.onsuccess = () => {
					const req = open.result.transaction('records').objectStore('records').get('current');
					req.onsuccess = () => resolve(req.result);
				};
			})
	);
	const tampered = JSON.parse(JSON.stringify(record));
	tampered.snapshot.context.questionIds[0] = 'a-scenario-since-removed/verdict';
	await putRecord(page, 'quiz', 'current', tampered);
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-notice=set-aside]')).toContainText(
		'a scenario in the saved drill has been removed or changed since it was saved'
	);
	await expect(page.locator('[data-notice=resume]')).toHaveCount(0);
});

test('the train, question, feedback and leave-the-drill screens pass axe', async ({
	page,
	axe
}) => {
	expect(await axe(), 'train').toEqual([]);
	await page.locator('[data-deck=lure\\:call-centre]').click();
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	expect(await axe(), 'question').toEqual([]);
	await answerByKeyboard(page, false);
	// The feedback panel itself, not the screen before its code may have arrived.
	await expect(page.locator('.feedback[data-correct=false]')).toBeVisible();
	expect(await axe(), 'feedback').toEqual([]);
	await page.getByRole('button', { name: 'Quit drill' }).click();
	await expect(page.getByRole('dialog')).toBeVisible();
	expect(await axe(), 'leave the drill?').toEqual([]);
	await page.getByRole('dialog').getByRole('button', { name: 'Leave the drill' }).click();
	await expect(page.locator('[data-deck=quick]')).toBeVisible();
});

test('leaving or replacing an unfinished drill asks first, and home offers it back', async ({
	page
}) => {
	await page.locator('[data-deck=quick]').click();
	await answerByKeyboard(page, true);
	await goOn(page);
	const question = await page.locator('[data-question]').getAttribute('data-question');

	// Quit asks; the safe choice has the focus, and Esc keeps the drill too.
	await page.getByRole('button', { name: 'Quit drill' }).click();
	const dialog = page.getByRole('dialog', { name: 'Leave this drill?' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Keep going' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', question ?? '');
	await saved(page);

	// Home says a drill is unfinished and leads back to it.
	await page.goto('/');
	await expect(page.locator('[data-unfinished]')).toContainText(
		'You have an unfinished drill: question 2 of 10.'
	);
	await page.getByRole('link', { name: 'Continue it' }).click();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-notice=resume]')).toContainText('Question 2 of 10.');

	// Starting another drill while one is on offer asks before replacing it.
	await page.locator('[data-deck=quick]').click();
	const replace = page.getByRole('dialog', { name: 'Start a new drill?' });
	await expect(replace).toContainText('question 2 of 10');
	await replace.getByRole('button', { name: 'Keep the unfinished one' }).click();
	await expect(page.locator('[data-notice=resume]')).toBeVisible();
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', question ?? '');

	// Confirmed, Quit ends the drill; its answer stays in the history.
	await page.getByRole('button', { name: 'Quit drill' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Leave the drill' }).click();
	await expect(page.locator('[data-deck=quick]')).toBeVisible();
	await saved(page);
	expect(await countRecords(page, 'attempts')).toBe(1);
	await page.goto('/');
	await page.locator('[data-unfinished-checked]').waitFor({ state: 'attached' });
	await expect(page.locator('[data-unfinished]')).toHaveCount(0);
});
