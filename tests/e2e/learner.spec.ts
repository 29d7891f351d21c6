/**
 * Text size, motion and focus for a learner on a computer: the app follows the browser's default font size
 * and its reduced-motion setting, and keyboard focus lands where the next step is (Continue after a pause,
 * "Next message" at the start of a drill), with a spoken and visible confirmation of a message picked by
 * its number key.
 */
import { bankQuestions, continuePlantedDrill, currentQuestion, screen } from './drill';
import { expect, test } from './fixtures';

test('text follows a 24 px browser default, red-flag labels are at least 0.875rem, and with reduced motion a change of style shows at once', async ({
	page
}) => {
	// Chromium's own default-font-size preference, as a reader would set it in the browser's settings.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Page.enable');
	await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
	await page.setViewportSize({ width: 400, height: 800 });
	await page.goto('/library');
	await page.locator('main h1').waitFor();
	const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
	expect(bodySize).toBe(24);
	// A scenario with its red flags shown: every flag chip is at least 0.875 × 24 = 21 px.
	await page.locator('main a[href^="/library/"]').first().click();
	await page.getByRole('button', { name: 'Show red flags' }).click();
	const sizes = await page
		.locator('.chip')
		.evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
	expect(sizes.length).toBeGreaterThan(0);
	expect(Math.min(...sizes)).toBeGreaterThanOrEqual(21);

	// The tests run with reduced motion, as a learner may set it: a script drawn on another channel (the
	// next question's) has the new channel's colours in the frame it is drawn, with no transition between
	// (a reader, or axe, would otherwise meet the new text on the old background for a frame).
	const change = await page.evaluate(() => {
		const run = document.querySelector('li.run')!;
		const frame = run.querySelector('.frame')!;
		const skin = [...run.classList].find((c) => c.startsWith('ch-'))!;
		const before = getComputedStyle(frame).backgroundColor;
		run.classList.replace(skin, skin === 'ch-call' ? 'ch-sms' : 'ch-call');
		return {
			before,
			after: getComputedStyle(frame).backgroundColor,
			running: document.getAnimations().length
		};
	});
	expect(change.after).not.toBe(change.before);
	expect(change.running).toBe(0);
});

test('Esc pauses with focus on Continue, and the first Tab of a drill reaches "Next message"', async ({
	page
}) => {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	// A quick drill whose first question shows only its first message opens straight on the question;
	// start again (nothing answered, so nothing to confirm) until one has a script to unfold.
	for (let attempt = 0; ; attempt++) {
		await page.locator('[data-deck=quick]').focus();
		await page.keyboard.press('Enter');
		const shown = await page.locator('[data-screen]').getAttribute('data-screen');
		if (shown === 'presenting') break;
		if (attempt > 20) throw new Error('no quick drill began with a script to unfold');
		await page.getByRole('button', { name: 'Quit drill' }).click();
		await page.locator('[data-deck=quick]').waitFor();
	}
	await page.keyboard.press('Tab');
	await expect(page.locator(':focus')).toContainText('Next message');
	await page.keyboard.press('Escape');
	const resume = page.getByRole('button', { name: /Continue/ });
	await expect(resume).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-screen]')).toBeVisible();
	// Back in the drill, the pause button works the same way.
	await page.locator('.tools button', { hasText: 'Pause' }).click();
	await expect(page.getByRole('button', { name: /Continue/ })).toBeFocused();
});

test('a stop message picked by its number key is confirmed in the question panel', async ({
	page
}) => {
	// A drill of one stop question, planted and continued (a new drill reaches one only by chance).
	const stop = bankQuestions().find((q) => q.kind === 'stop' && q.choices.length >= 2);
	if (!stop) throw new Error('the bank needs a stop question with two choices');
	await continuePlantedDrill(page, [stop.id]);
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	await page.locator('[data-screen=asking]').waitFor();
	const panel = page.locator('section.question[data-kind=stop]');
	await expect(panel).toBeVisible();
	const q = await currentQuestion(page);
	if (q.kind !== 'stop') throw new Error('a stop question was expected');
	const [first, second] = q.choices.map((c) => c + 1);
	await expect(panel.getByRole('status')).toHaveText('');
	await page.keyboard.press(String(second));
	await expect(panel.getByRole('status')).toHaveText(`You picked message ${second}.`);
	await page.keyboard.press(String(first));
	await expect(panel.getByRole('status')).toHaveText(`You picked message ${first}.`);
});
