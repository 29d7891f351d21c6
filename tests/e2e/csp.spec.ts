/**
 * Content-Security-Policy: every page carries one (a <meta> tag on prerendered pages, a header on rendered
 * ones) that lets only this origin's scripts and SvelteKit's own hashed or nonced bootstrap run. The app
 * works under it (drill, library, a live room with its QR code) without one violation, a `javascript:`
 * link cannot run, and a `javascript:` source in the bank never becomes a link.
 */
import type { Page } from '@playwright/test';
import { shippedBank } from './bank';
import { expect, test } from './fixtures';

/** The policy's directives: name → sources. */
function directives(policy: string): Map<string, string[]> {
	return new Map(
		policy
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...sources]) => [name ?? '', sources])
	);
}

/** The rules every policy of the app keeps. */
function expectStrictScripts(policy: string, proof: RegExp): void {
	const d = directives(policy);
	const scripts = d.get('script-src') ?? [];
	expect(scripts).toContain("'self'");
	expect(scripts.some((s) => proof.test(s))).toBe(true);
	expect(scripts).not.toContain("'unsafe-inline'");
	expect(scripts).not.toContain("'unsafe-eval'");
	expect(d.get('default-src')).toEqual(["'self'"]);
	expect(d.get('object-src')).toEqual(["'none'"]);
	expect(d.get('img-src')).toEqual(["'self'", 'data:']);
}

/** Records every CSP violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __csp: string[] }).__csp = seen;
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push(`${e.violatedDirective} ${e.blockedURI}`)
		);
	});
	return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []);
}

const bank = shippedBank();

test('a prerendered page carries the policy as a meta tag, with its bootstrap script hashed', async ({
	request
}) => {
	const html = await (await request.get('/')).text();
	const policy = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1];
	expect(policy).toBeDefined();
	expectStrictScripts(policy ?? '', /^'sha256-[A-Za-z0-9+/=]+'$/);
});

test('a rendered page sends the policy as a header, with a nonce for its bootstrap script', async ({
	request
}) => {
	const response = await request.get('/live/ABCDEF');
	const policy = response.headers()['content-security-policy'];
	expect(policy).toBeDefined();
	expectStrictScripts(policy ?? '', /^'nonce-[A-Za-z0-9+/=]+'$/);
	// The nonce in the header is the one on the page's own script, and it changes per response.
	const nonce = /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
	expect(await response.text()).toContain(`nonce="${nonce}"`);
	const again = (await request.get('/live/ABCDEF')).headers()['content-security-policy'];
	expect(/'nonce-([^']+)'/.exec(again ?? '')?.[1]).not.toBe(nonce);
});

test('the trainer, the library and a live room with its QR code work without a violation', async ({
	page
}) => {
	const violations = await watchViolations(page);
	await page.goto('/train');
	await expect(page.locator('main')).toBeVisible();
	await page.goto('/library');
	await page.locator('[data-scenario]').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.goto('/host');
	await page.getByRole('button', { name: 'Create the room' }).click();
	await expect(page).toHaveURL(/\/host\/[A-Z0-9]{6}$/);
	// The QR code is a data: URL image; it must load, not be blocked.
	const qr = page.getByRole('img', { name: /QR code to join/ });
	await expect(qr).toBeVisible();
	await expect
		.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(0);
	expect(await violations()).toEqual([]);
});

test('a javascript: link cannot run under the policy', async ({ page, consoleErrors }) => {
	const violations = await watchViolations(page);
	await page.goto('/');
	await page.evaluate(() => {
		const a = document.createElement('a');
		a.href = 'javascript:window.__ran = true';
		a.textContent = 'injected';
		a.id = 'injected';
		document.body.append(a);
	});
	await page.locator('#injected').click();
	await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
	expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBe(
		undefined
	);
	// Chromium reports the refusal on the console; that one message is expected here.
	const refused = consoleErrors.findIndex((e) => /Content Security Policy/.test(e));
	expect(refused).toBeGreaterThanOrEqual(0);
	consoleErrors.splice(0, consoleErrors.length);
});

test('a javascript: source never becomes a link; https sources open in a new tab, without referrer', async ({
	page
}) => {
	const scenario = bank.scenarios.find((s) => s.sources.length >= 1);
	if (!scenario) throw new Error('no scenario with sources');
	const first = scenario.sources[0] ?? '';
	// The page's data arrives as JSON on a client-side navigation; swap its first source for a script URL.
	await page.route('**/__data.json*', async (route) => {
		const response = await route.fetch();
		const body = (await response.text())
			.split(JSON.stringify(first).slice(1, -1))
			.join('javascript:window.__ran=true');
		await route.fulfill({ response, body });
	});
	await page.goto('/library');
	await page.locator(`[data-scenario="${scenario.id}"]`).click();
	const sources = page.locator('section[aria-labelledby="sources"]');
	await expect(sources.getByText('javascript:window.__ran=true')).toBeVisible();
	await expect(sources.locator('a[href^="javascript:"]')).toHaveCount(0);
	const links = sources.getByRole('link');
	await expect(links).toHaveCount(scenario.sources.length - 1);
	for (const link of await links.all()) {
		expect(await link.getAttribute('href')).toMatch(/^https:\/\//);
		expect(await link.getAttribute('target')).toBe('_blank');
		expect((await link.getAttribute('rel'))?.split(' ')).toEqual(
			expect.arrayContaining(['noopener', 'noreferrer'])
		);
	}
});
