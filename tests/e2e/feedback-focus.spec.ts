/**
 * The submit path: an answer by key or by click puts focus on its feedback heading (moved there after the
 * feedback is painted, from the column that stays while the question is removed), and every answer is
 * saved, also when the page is left straight after it.
 */
import { answerByKeyboard, goOn, keysFor, screen, shownChoices, currentQuestion } from './drill';
import { expect, test } from './fixtures';

test('feedback takes the focus after an answer by key and by click, and the answers are kept', async ({
	page
}) => {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').click();

	await answerByKeyboard(page, true);
	await expect(page.locator('#feedback-title')).toBeFocused();
	// Enter, then the feedback gone: the next question may still be on its way, and a look at the screen
	// before it came would read the feedback and skip the loop below.
	await goOn(page);

	// The second answer submitted by pointer (the step of a step question picked by its number key).
	while ((await screen(page)) === 'presenting')
		await page.getByRole('button', { name: /Next message/ }).click();
	await page.locator('[data-screen=asking]').waitFor();
	const q = await currentQuestion(page);
	const [key] = keysFor(q, false, await shownChoices(page));
	if (q.kind === 'flags' || q.kind === 'stop') await page.keyboard.press(key ?? '1');
	else
		await page
			.locator('[data-choice]')
			.nth(Number(key) - 1)
			.click();
	await page.locator('.submit .button').first().click();
	await expect(page.locator('[data-screen=feedback]')).toBeVisible();
	await expect(page.locator('#feedback-title')).toBeFocused();

	// Leaving at once loses nothing: the drill comes back with both answers.
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-notice=resume]')).toBeVisible();
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await expect(page.locator('.bar')).toContainText('1 of 2 right');
});

test("an answer whose feedback's code could not be fetched shows its feedback once it can be", async ({
	page,
	consoleErrors
}) => {
	// The script holding the feedback panel (its heading's id) fails twice, as with no connection: fetched
	// ahead while the question is read, then again with the answer.
	let failures = 0;
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (body.includes('id="feedback-title"') && failures < 2) {
			failures++;
			return route.abort('internetdisconnected');
		}
		await route.fulfill({ response, body });
	});
	await page.goto('/train');
	await page.locator('[data-ready=true] [data-deck=quick]').click();
	await answerByKeyboard(page, false);
	await expect.poll(() => failures).toBe(2);
	// Tried again while the answer waits: its feedback shows and takes the focus.
	await expect(page.locator('.feedback[data-correct=false]')).toBeVisible();
	await expect(page.locator('#feedback-title')).toBeFocused();
	const failed = consoleErrors.filter((e) => e.startsWith('Failed to load resource'));
	expect(failed).toHaveLength(2);
	consoleErrors.splice(
		0,
		consoleErrors.length,
		...consoleErrors.filter((e) => !failed.includes(e))
	);
});
