/**
 * A slow phone gets a page at once: before the app's script arrives, every page shows the brand and a
 * loading line in both languages, and the shell goes away as soon as the app has drawn the page.
 */
import { expect, test } from './fixtures';

// One test opens the pages one after another, each with its scripts held back: every page still starts
// without them (routing a request turns the page's HTTP cache off, so each load asks for its scripts again
// and is held like a first visit), and a browser context per page cost a second of CPU each.
test('/train, /review, /data, /present and /host show a shell before their script arrives, and the page after', async ({
	page
}) => {
	// Hold every script of the app back: this is the first paint of a phone still downloading them.
	const held: (() => void)[] = [];
	let hold = true;
	await page.route('**/_app/immutable/**/*.js', (route) => {
		if (hold) held.push(() => void route.continue());
		else void route.continue();
	});
	for (const path of ['/train', '/review', '/data', '/present', '/host']) {
		hold = true;
		await page.goto(path, { waitUntil: 'domcontentloaded' });
		const shell = page.locator('[data-shell]');
		await expect(shell, path).toBeVisible();
		await expect(shell.getByRole('status'), path).toContainText('正在打开');
		await expect(shell.getByRole('status'), path).toContainText('Opening');
		expect(held.length, `${path}: scripts held back`).toBeGreaterThan(0);

		// Let the held scripts through, and any later ones straight away.
		hold = false;
		for (const release of held.splice(0)) release();
		await expect(page.locator('main#main'), path).toBeVisible();
		await expect(shell, path).toBeHidden();
	}
});
