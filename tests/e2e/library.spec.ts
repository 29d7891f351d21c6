import { shippedBank } from './bank';
import { expect, test } from './fixtures';

const bank = shippedBank();

// The home page and the library in one test (one browser context: a second of CPU per test).
test('the home page says what Fraud Drill is; the library lists every scenario, grouped by lure type; both pass axe', async ({
	page,
	axe
}) => {
	const paths: string[] = [];
	page.on('request', (r) => paths.push(new URL(r.url()).pathname));
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Practise spotting fraud scripts'
	);
	const scams = bank.scenarios.filter((s) => s.verdict === 'scam').length;
	await expect(page.getByText(`${bank.scenarios.length} scenarios: ${scams} scams`)).toBeVisible();
	expect(await axe(), '/').toEqual([]);

	await page.goto('/library');
	// Pages render on the client (the prerendered file is a language-neutral shell): wait for the list.
	await page.locator('[data-scenario]').first().waitFor();
	const listed = await page
		.locator('[data-scenario]')
		.evaluateAll((els) => els.map((el) => el.getAttribute('data-scenario')));
	expect(listed.sort()).toEqual(bank.scenarios.map((s) => s.id).sort());
	for (const lure of bank.lures) {
		const count = bank.scenarios.filter((s) => s.lure === lure.id).length;
		if (count === 0) continue;
		const section = page.locator(`section[aria-labelledby="lure-${lure.id}"]`);
		await expect(section.getByRole('heading', { level: 2 })).toContainText(lure.name.en);
		await expect(section.locator('[data-scenario]')).toHaveCount(count);
	}
	expect(await axe(), '/library').toEqual([]);
	// A scenario opened from the list; each page's data is a prerendered file of its own (no server load).
	await page.locator('[data-scenario]').first().click();
	await page.locator('[data-step]').first().waitFor();
	expect(paths).toEqual(
		expect.arrayContaining([
			'/bank-summary.json',
			'/library.json',
			expect.stringMatching(/^\/library\/.+\.json$/)
		])
	);
	expect(paths.filter((p) => p.endsWith('/__data.json'))).toEqual([]);
});

// Every scenario opened from the library into its full script (every line readable, speakers named,
// channels in order) is checked in the 360 px walk of layout.phone.spec.ts, which opens them all anyway.

// A scam and its genuine twin revealed in one test (one browser context).
test('revealing red flags highlights exactly the flagged steps, by keyboard; a genuine twin shows none', async ({
	page,
	axe
}) => {
	const s = bank.scenarios.find(
		(x) => x.verdict === 'scam' && x.steps.some((st) => st.flags.length === 0)
	);
	if (!s) throw new Error('the bank needs a scam with an unflagged step');
	await page.goto(`/library/${s.id}`);
	await expect(page.locator('.flagged')).toHaveCount(0);
	const toggle = page.getByRole('button', { name: 'Show red flags' });
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Hide red flags' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const flagged = s.steps.flatMap((st, i) => (st.flags.length > 0 ? [String(i + 1)] : []));
	const shown = await page
		.locator('.flagged')
		.evaluateAll((els) => els.map((el) => el.getAttribute('data-step')));
	expect(shown).toEqual(flagged);
	const first = s.steps.find((st) => st.flags.length > 0);
	const flag = bank.redFlags.find((f) => f.id === first?.flags[0]);
	await expect(
		page
			.locator('.chip')
			.filter({ hasText: flag?.name.en ?? '?' })
			.first()
	).toBeVisible();
	expect(await axe()).toEqual([]);

	// A genuine twin shows no red flags when revealed.
	const twin = bank.scenarios.find(
		(x) => x.verdict === 'legitimate' && x.steps.every((st) => st.flags.length === 0)
	);
	if (!twin) throw new Error('the bank needs a legitimate scenario with no flags');
	await page.goto(`/library/${twin.id}`);
	await page.getByRole('button', { name: 'Show red flags' }).click();
	await expect(
		page.getByText('No red flags: this is how the genuine service behaves.')
	).toBeVisible();
	await expect(page.locator('.flagged')).toHaveCount(0);
});

test('an unknown scenario gets a 404 page, not a white screen', async ({ page, consoleErrors }) => {
	const response = await page.goto('/library/no-such-scenario');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('This page does not exist.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Back to the start' })).toBeVisible();
	// Chromium logs the 404 responses themselves (the page, and the data the client router asks for);
	// those lines are the expected outcome, not a page error.
	expect(consoleErrors.length).toBeGreaterThan(0);
	expect(consoleErrors.every((e) => e.includes('status of 404'))).toBe(true);
	consoleErrors.length = 0;
});

// What every page loads (the drill page's start-up scripts hold it) carries no code for features of a few
// pages: SvelteKit's client of server loads (its `__data.json` requests send `x-sveltekit-invalidated`), as
// the pages with data fetch prerendered files of their own; nor Svelte's two-way form bindings (the value
// binding keeps the caret with `selectionStart`, the select binding its `__defaultValue`), as the forms set
// their state from events.
test('the start-up scripts hold no server-data client and no form-binding runtime', async ({
	request
}) => {
	const html = await (await request.get('/train')).text();
	const scripts = [...html.matchAll(/<link href="\.?([^"]+\.js)" rel="modulepreload">/g)].map(
		(m) => m[1]!
	);
	expect(scripts.length).toBeGreaterThan(0);
	const code = (
		await Promise.all(scripts.map(async (path) => (await request.get(path)).text()))
	).join('\n');
	for (const marker of ['x-sveltekit-invalidated', 'selectionStart', '__defaultValue'])
		expect(code.includes(marker), marker).toBe(false);
});
