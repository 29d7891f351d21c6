import { currentQuestion, goOfflineAfterFirstVisit, keysFor, screen, shownChoices } from './drill';
import { expect, test } from './fixtures';

// This spec tests the service worker, which the other specs block (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('presenter mode runs a whole session on one screen with the network off', async ({
	page,
	context,
	axe
}) => {
	test.setTimeout(90_000);
	await goOfflineAfterFirstVisit(page, context);

	await page.goto('/present');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').click();
	const counted: string[] = [];
	for (let i = 0; i < 10; i++) {
		// A clicker's → unfolds the script.
		while ((await screen(page)) === 'presenting') await page.keyboard.press('ArrowRight');
		const q = await currentQuestion(page);
		if (i === 0) expect(await axe(), 'presenter question').toEqual([]);
		if (q.kind === 'verdict' || q.kind === 'stop') {
			// Count hands: most of the room gets it right.
			await page.getByRole('checkbox', { name: 'Count hands per option' }).check();
			const inputs = page.locator('.hands input');
			const n = await inputs.count();
			const right = Number(keysFor(q, true)[0]) - 1;
			const index = q.kind === 'stop' ? q.choices.indexOf(right) : right;
			for (let k = 0; k < n; k++) await inputs.nth(k).fill(k === index ? '8' : '2');
			await page.getByRole('button', { name: /Record/ }).click();
			const total = 8 + 2 * (n - 1);
			counted.push(`${Math.round(800 / total)}% (8 of ${total})`);
		} else {
			for (const k of keysFor(q, i % 2 === 0, await shownChoices(page)))
				await page.keyboard.press(k);
			await page.keyboard.press('Enter');
		}
		await expect(page.locator('[data-screen=feedback]')).toBeVisible();
		await expect(page.getByText('Discuss: what would you reply?')).toBeVisible();
		await page.keyboard.press('ArrowRight');
	}
	await expect(page.locator('[data-report]')).toBeVisible();
	await expect(page.getByRole('list', { name: 'Per question' }).locator('li')).toHaveCount(10);
	// Counted questions report the hands: 8 hands on the right choice, 2 on each other one.
	const perQuestion = page.getByRole('list', { name: 'Per question' });
	for (const text of new Set(counted))
		await expect(perQuestion.getByText(text, { exact: true })).toHaveCount(
			counted.filter((t) => t === text).length
		);
	expect(await axe(), 'report').toEqual([]);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download CSV' }).click();
	const csv = await (await download).createReadStream().then(async (s) => {
		const chunks: Buffer[] = [];
		for await (const c of s) chunks.push(c as Buffer);
		return Buffer.concat(chunks).toString();
	});
	expect(csv.startsWith('\ufeff'), 'UTF-8 byte-order mark for spreadsheets').toBe(true);
	expect(csv.slice(1).split('\r\n')[0]).toBe(
		'"question","scenario","kind","answers","correct","percent"'
	);
	expect(csv.split('\r\n').filter((l) => /^\d+,/.test(l))).toHaveLength(10);
	await context.setOffline(false);
});
