/**
 * What pages start before their scripts run: every page's HTML preloads each script its scripts import
 * at once (see src/lib/module-preloads.ts); the home page's HTML fetches its figures and reads the
 * history's keys and the due summary while the scripts are on their way (src/lib/progress/early-reads.ts),
 * and a new learner's visit makes no database.
 */
import type { APIRequestContext } from '@playwright/test';
import { plantHistory } from './drill';
import { expect, test } from './fixtures';

/** The scripts a page's HTML preloads, as URLs. */
async function preloadsOf(request: APIRequestContext, path: string): Promise<URL[]> {
	const html = await (await request.get(path)).text();
	const base = new URL(path, 'http://x/');
	return [...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map(
		(m) => new URL(m[1]!, base)
	);
}

/** The files a script imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import(…)`. */
function staticImports(code: string, at: URL): URL[] {
	return [...code.matchAll(/\bimport\s*(?:[^()'"`;]*?\bfrom\s*)?["'](\.\.?\/[^"']+\.js)["']/g)].map(
		(m) => new URL(m[1]!, at)
	);
}

test("every page's HTML preloads each script its preloaded scripts import, at any depth", async ({
	request
}) => {
	const code = new Map<string, Promise<string>>();
	const read = (url: URL) => {
		if (!code.has(url.pathname))
			code.set(
				url.pathname,
				request.get(url.pathname).then((r) => r.text())
			);
		return code.get(url.pathname)!;
	};
	for (const path of [
		'/',
		'/train',
		'/review',
		'/check',
		'/data',
		'/present',
		'/host',
		'/join',
		'/library'
	]) {
		const preloaded = await preloadsOf(request, path);
		expect(preloaded.length, path).toBeGreaterThan(0);
		const listed = new Set(preloaded.map((u) => u.pathname));
		const unlisted: string[] = [];
		for (const script of preloaded)
			for (const dep of staticImports(await read(script), script))
				if (!listed.has(dep.pathname)) unlisted.push(dep.pathname);
		// Every listed script's imports are listed too, so the closure is: nothing found only once a script
		// importing it has come in and been parsed.
		expect(unlisted, `${path}: scripts imported but not preloaded`).toEqual([]);
	}
});

test("a new learner's home page counts nothing due and makes no database", async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('[data-due-counted]')).toHaveAttribute('data-due-counted', '0');
	await page.locator('[data-unfinished-checked]').waitFor({ state: 'attached' });
	const names = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name ?? '')
	);
	expect(names.filter((name) => name.startsWith('fraud-drill-'))).toEqual([]);
});

test("the home page's HTML reads the history and fetches its figures while its scripts are held back", async ({
	page
}) => {
	// Three answers in the last hour, one missed.
	await plantHistory(page, [true, false, true]);
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await released;
		await route.continue();
	});
	try {
		await page.goto('/', { waitUntil: 'commit' });
		const early = await page.evaluate(async () => {
			const start = (window as unknown as Record<string, unknown>).__fdEarlyStart as {
				files: Record<string, Promise<unknown>>;
				reads: Record<string, Promise<{ value: unknown } | null>>;
			};
			const [keys, due, figures] = await Promise.all([
				start.reads['attempts/*'],
				start.reads['review/due'],
				start.files['/bank-summary.json']
			]);
			return {
				keys,
				due,
				figures,
				scripts: performance
					.getEntriesByType('resource')
					.filter((r) => r.name.includes('/_app/immutable/')).length,
				counted: document.querySelector('[data-due-counted]') !== null
			};
		});
		expect(early.keys).toEqual({ value: ['planted:0', 'planted:1', 'planted:2'] });
		// No summary stored yet: the review code works the count out, and stores it.
		expect(early.due).toEqual({ value: null });
		expect(early.figures).toMatchObject({ scenarios: expect.any(Number) });
		// All that before any of the app's scripts came in.
		expect(early.scripts).toBe(0);
		expect(early.counted).toBe(false);
	} finally {
		release();
		await page.unrouteAll({ behavior: 'wait' });
	}
	// Once the scripts come in, the page counts from that history (what is due depends on the hour the
	// test runs at: a miss from before midnight is due today) and shows the figures.
	await expect(page.locator('[data-due-counted]')).toHaveAttribute('data-due-counted', /^\d+$/);
	await expect(page.locator('main')).toContainText(/\d+ scenarios/);
});
