/**
 * The host screen and a phone where the network or the browser is not the one the room started on: a
 * room code that does not exist, a server phones cannot reach, handing the room to another device (with
 * the host secret never in a URL), and an answer whose first send is lost on the Wi-Fi.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures';
import { hostRoom } from './live-room';

interface Screen {
	context: BrowserContext;
	page: Page;
	errors: string[];
	urls: string[];
}

/**
 * A page in its own browser context. Console errors fail the test, except the refusals each step expects
 * (Chromium logs every 4xx response); every request URL is kept.
 */
async function screen(
	browser: Browser,
	allowed: RegExp | null = null,
	phone = false
): Promise<Screen> {
	const context = await browser.newContext({
		locale: 'en-US',
		...(phone ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } : {})
	});
	const page = await context.newPage();
	const errors: string[] = [];
	const urls: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error' && !(allowed && allowed.test(msg.text()))) errors.push(msg.text());
	});
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('request', (r) => urls.push(r.url()));
	return { context, page, errors, urls };
}

/** A room as the host page's form makes it by default, on its host screen (live-room.ts). */
const createRoom = (page: Page) => hostRoom(page);

test('a host page for a room code that does not exist says there is no such room; a server listening on 127.0.0.1 says phones cannot reach it and how to start it', async ({
	browser
}) => {
	// One host screen for both (a browser context apiece cost about a CPU second each).
	const s = await screen(browser);
	// The refused look-up of the room is the one console error expected, and only on this page: it is
	// waited for, so that it cannot arrive after the check below and count against the next page.
	const refused = s.page.waitForEvent('console', (msg) => /status of 404/.test(msg.text()));
	await s.page.goto('/host/ZZZZZZ');
	const alert = s.page.getByRole('alert');
	await expect(alert).toContainText('There is no session with that code');
	await expect(alert).not.toContainText('host key');
	await refused;
	expect(s.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
	s.errors.length = 0;

	await createRoom(s.page);
	const warning = s.page.locator('[data-unreachable]');
	await expect(warning).toContainText('Phones cannot reach this server');
	await expect(warning).toContainText('HOST=0.0.0.0 npm run serve');
	expect(s.errors).toEqual([]);
	await s.context.close();
});

test('the room is handed to another device with a one-time code; the secret is never in a URL', async ({
	browser
}) => {
	const laptop = await screen(browser, /status of 403/);
	const code = await createRoom(laptop.page);
	const secret = await laptop.page.evaluate(
		(c) => JSON.parse(localStorage.getItem(`fraud-drill:live:host:${c}`) ?? '{}').secret as string,
		code
	);
	expect(secret.length).toBeGreaterThan(10);

	// Another browser has no key: it is offered the handover form, not an error.
	const tablet = await screen(browser, /status of 403/);
	await tablet.page.goto(`/host/${code}`);
	await expect(tablet.page.getByRole('heading', { name: 'Take over this room' })).toBeVisible();
	expect(await axeViolations(tablet.page)).toEqual([]);

	await laptop.page.getByText('Hand over to another device').click();
	await laptop.page.getByRole('button', { name: 'Show a handover code' }).click();
	const handover = (await laptop.page.locator('[data-handover-code]').textContent())?.trim() ?? '';
	expect(handover).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

	await tablet.page.getByLabel('Handover code').fill('WRONG-CODE');
	await tablet.page.getByRole('button', { name: 'Take over' }).click();
	await expect(tablet.page.getByRole('alert')).toContainText('handover code is wrong');
	await tablet.page.getByLabel('Handover code').fill(handover.toLowerCase());
	await tablet.page.getByRole('button', { name: 'Take over' }).click();
	await expect(tablet.page.locator('[data-room-code]')).toHaveText(code);
	await tablet.page.getByRole('button', { name: /Start/ }).click();
	await expect(tablet.page.locator('.host')).toHaveAttribute('data-phase', 'open');

	// The laptop no longer runs the room, and says so.
	await expect(laptop.page.getByRole('alert')).toContainText('does not hold the host key');

	for (const s of [laptop, tablet]) {
		expect(s.urls.filter((u) => u.includes('secret') || u.includes(secret))).toEqual([]);
		expect(s.errors).toEqual([]);
		await s.context.close();
	}
});

test('an answer lost on the Wi-Fi is sent again by itself, showing "sending…"', async ({
	browser
}) => {
	const host = await screen(browser);
	const code = await createRoom(host.page);
	const phone = await screen(browser, null, true);
	await phone.page.goto(`/live/${code}`);
	await phone.page.getByLabel('Your nickname').fill('Ana');
	await phone.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone.page.locator('[data-status=waiting]')).toBeVisible();
	await host.page.getByRole('button', { name: /Start/ }).click();

	// The first send never arrives; the resend waits until "sending…" has been seen, then goes through.
	let sends = 0;
	let release: () => void = () => {};
	const released = new Promise<void>((r) => (release = r));
	await phone.page.route('**/answer', async (route) => {
		sends++;
		if (sends === 1) return route.abort('internetdisconnected');
		await released;
		return route.continue();
	});
	const question = phone.page.locator('section[data-question]');
	await expect(question).toBeVisible();
	await question.locator('button[data-choice]').first().click();
	const send = phone.page.getByRole('button', { name: 'Send answer' });
	if (await send.count()) await send.click();

	await expect(phone.page.locator('[data-status=sending]')).toHaveText('Sending your answer…');
	await expect(phone.page.getByRole('alert')).toHaveCount(0);
	release();
	await expect(phone.page.locator('[data-status=sent]')).toBeVisible();
	expect(sends).toBe(2);
	await expect(host.page.locator('[data-answered]')).toHaveAttribute('data-answered', '1');

	// "Failed to load resource" for the aborted send is the only console error.
	expect(phone.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
	expect(host.errors).toEqual([]);
	await host.context.close();
	await phone.context.close();
});
