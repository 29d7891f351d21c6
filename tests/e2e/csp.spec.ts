/**
 * Content-Security-Policy: every page is sent with one, as a response header (the build moves a prerendered
 * page's out of its <meta> tag), that lets only this origin's scripts and SvelteKit's own hashed or nonced
 * bootstrap run. The app works under it (drill, library, a live room with its QR code) without one
 * violation, an injected inline script or a `javascript:` link cannot run, online or from the service
 * worker, and a `javascript:` source in the bank never becomes a link.
 */
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { shippedBank } from './bank';
import { goOfflineAfterFirstVisit } from './drill';
import { expect, SOON, test } from './fixtures';

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

/** The page's inline scripts, each as the CSP source that allows it by its hash. */
function inlineScriptHashes(html: string): string[] {
	return [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)]
		.filter(([tag]) => !/\ssrc=/.test(tag.slice(0, tag.indexOf('>'))))
		.map(
			([, code]) =>
				`'sha256-${createHash('sha256')
					.update(code ?? '')
					.digest('base64')}'`
		);
}

test('a prerendered page is sent with the policy as a header that holds the hash of its bootstrap script', async ({
	request
}) => {
	const scenario = bank.scenarios[0];
	for (const path of ['/', '/train', `/library/${scenario?.id}`]) {
		const response = await request.get(path);
		expect(response.headers()['x-sveltekit-page'], path).toBeUndefined();
		const policy = response.headers()['content-security-policy'] ?? '';
		expectStrictScripts(policy, /^'sha256-[A-Za-z0-9+/=]+'$/);
		// No <meta> policy in the page (Chromium's preload scanner would wait for it), and every inline script
		// of the page is one the header allows by its hash: the page's own, not another page's.
		const html = await response.text();
		expect(html, path).not.toMatch(/http-equiv="content-security-policy"/i);
		const hashes = inlineScriptHashes(html);
		expect(hashes.length, path).toBeGreaterThan(0);
		const allowed = directives(policy).get('script-src') ?? [];
		for (const hash of hashes) expect(allowed, path).toContain(hash);
	}
});

/**
 * Appends an inline script to the page and says whether it ran: it runs as it is inserted, unless the
 * policy blocks it.
 */
function injectedInlineScriptRan(page: Page): Promise<boolean> {
	return page.evaluate(() => {
		const w = window as unknown as { __inlineRan?: boolean };
		w.__inlineRan = false;
		const script = document.createElement('script');
		script.textContent = 'window.__inlineRan = true';
		document.head.append(script);
		return w.__inlineRan;
	});
}

test.describe('with the service worker', () => {
	test.use({ serviceWorkers: 'allow' });

	test('an inline script not in the hashes is blocked on a prerendered page, online and offline from the service worker', async ({
		page,
		context,
		consoleErrors
	}) => {
		const violations = await watchViolations(page);
		const online = await page.goto('/train');
		expect(online?.fromServiceWorker()).toBe(false);
		await page.locator('[data-ready=true]').waitFor();
		expect(await injectedInlineScriptRan(page)).toBe(false);
		await expect
			.poll(violations, SOON)
			.toContainEqual(expect.stringMatching(/^script-src-elem inline$/));

		await goOfflineAfterFirstVisit(page, context);
		const offline = await page.goto('/train');
		expect(offline?.fromServiceWorker()).toBe(true);
		expect(offline?.headers()['content-security-policy']).toMatch(/'sha256-/);
		// The page's own hashed bootstrap runs (the drill page gets ready), an injected script does not.
		await page.locator('[data-ready=true]').waitFor();
		expect(await violations()).toEqual([]);
		expect(await injectedInlineScriptRan(page)).toBe(false);
		await expect
			.poll(violations, SOON)
			.toContainEqual(expect.stringMatching(/^script-src-elem inline$/));
		await context.setOffline(false);
		// Chromium reports each refusal on the console; those are expected here.
		expect(consoleErrors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
		consoleErrors.splice(0, consoleErrors.length);
	});
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
	await page.route(`**/library/${scenario.id}.json`, async (route) => {
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
