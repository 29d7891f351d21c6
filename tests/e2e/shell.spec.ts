/**
 * A slow phone gets a page at once: before the app's script arrives, every page shows the brand and a
 * loading line in both languages, and the shell goes away as soon as the app has drawn the page.
 */
import { expect, test } from './fixtures';

for (const path of ['/train', '/review', '/data', '/present', '/host'])
	test(`${path} shows a shell before its script arrives, and the page after`, async ({ page }) => {
		// Hold every script of the app back: this is the first paint of a phone still downloading them.
		const held: (() => void)[] = [];
		let hold = true;
		await page.route('**/_app/immutable/**/*.js', (route) => {
			if (hold) held.push(() => void route.continue());
			else void route.continue();
		});
		await page.goto(path, { waitUntil: 'domcontentloaded' });
		const shell = page.locator('[data-shell]');
		await expect(shell).toBeVisible();
		await expect(shell.getByRole('status')).toContainText('正在打开');
		await expect(shell.getByRole('status')).toContainText('Opening');

		// Let the held scripts through, and any later ones straight away.
		hold = false;
		for (const release of held.splice(0)) release();
		await expect(page.locator('main#main')).toBeVisible();
		await expect(shell).toBeHidden();
	});
