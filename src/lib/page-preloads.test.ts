import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EARLY_START, type EarlyStart } from './early';
import { bankIndex } from './quiz/catalog';
import { shippedBank } from './quiz/test-catalog';
import { LOCALE_MIRROR_KEY } from './i18n/locale.svelte';
import { earlyStartScript, earlyStartSource, textStartSource, withPreloads } from './page-preloads';
import { firstPools } from './quiz/quick-ahead';
import { pageTexts, type TextTables } from './text-preloads';

/** The scenarios that can begin a new learner's Quick 10 in the shipped bank, as the build writes them. */
const pools = firstPools(bankIndex(shippedBank()));
/** Only the drill page asks for them. */
const noPools = () => {
	throw new Error('only the drill page asks for the first scenario');
};

describe('page preloads', () => {
	it("runs the drill page's early start first in its head, allowed by its hash beside SvelteKit's", async () => {
		const policy =
			"<meta http-equiv=\"content-security-policy\" content=\"default-src 'self'; script-src 'self' 'sha256-kit='; style-src 'self'\">";
		const html = `<!doctype html><html lang="en"><head><meta charset="utf-8" />${policy}</head><body></body></html>`;
		const script = await earlyStartScript(pools);
		const hash = createHash('sha256').update(script).digest('base64');
		expect(await withPreloads(html, '/train', { pools: () => pools })).toBe(
			`<!doctype html><html lang="en"><head><meta charset="utf-8" /><script>${script}</script>` +
				`<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-kit=' 'sha256-${hash}'; style-src 'self'"></head><body></body></html>`
		);
		expect(await withPreloads(html, '/library', { pools: noPools })).toBe(html);
		// No preload link: the page's HTML is one for both languages, and the index is per locale.
		expect(await withPreloads(html, '/train', { pools: () => pools })).not.toContain(
			'rel="preload"'
		);
		// Sent minified: its code shorter than its source by a third at least (the scenarios' names are data).
		const none = { legit: [], scams: [] };
		expect((await earlyStartScript(none)).length).toBeLessThan(
			earlyStartSource(none).length * 0.67
		);
		for (const id of [...pools.legit, ...pools.scams]) expect(script).toContain(id);
	});
});

describe("the pages' UI texts, asked for at once in the page's language", () => {
	const tables: TextTables = {
		'_app/immutable/chunks/A.js': {
			en: '_app/immutable/chunks/text-app.en.1.js',
			'zh-CN': '_app/immutable/chunks/text-app.zh-CN.1.js'
		},
		'_app/immutable/chunks/P.js': {
			en: '_app/immutable/chunks/text-page.en.2.js',
			'zh-CN': '_app/immutable/chunks/text-page.zh-CN.2.js'
		}
	};
	const policy =
		'<meta http-equiv="content-security-policy" content="script-src \'self\' \'sha256-kit=\'">';
	const prerendered = `<!doctype html><html><head><meta charset="utf-8" />${policy}</head><body></body></html>`;
	const scripts = (...files: string[]) => files.map((f) => `../_app/immutable/chunks/${f}`);

	afterEach(() => {
		vi.unstubAllGlobals();
		delete (globalThis as Record<string, unknown>)[EARLY_START];
	});

	/** Runs a page's inline script in a browser preferring `languages`; the links it adds, by href. */
	function run(html: string, languages: string[]): string[] {
		const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
		const links: { rel: string; href: string }[] = [];
		vi.stubGlobal('navigator', { languages });
		vi.stubGlobal('localStorage', { getItem: () => null });
		vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ scenarios: [] })));
		vi.stubGlobal('document', {
			createElement: () => ({ rel: '', href: '' }),
			head: { appendChild: (link: { rel: string; href: string }) => links.push(link) }
		});
		new Function(script)();
		expect(links.every((l) => l.rel === 'modulepreload')).toBe(true);
		return links.map((l) => l.href);
	}

	it("names the texts' files of the grouped files among a page's scripts, from the site's root", () => {
		expect(pageTexts(scripts('A.js', 'B.js', 'P.js?v=1'), tables)).toEqual({
			en: ['/_app/immutable/chunks/text-app.en.1.js', '/_app/immutable/chunks/text-page.en.2.js'],
			'zh-CN': [
				'/_app/immutable/chunks/text-app.zh-CN.1.js',
				'/_app/immutable/chunks/text-page.zh-CN.2.js'
			]
		});
		expect(pageTexts(scripts('B.js'), tables)).toEqual({});
	});

	it("a prerendered page asks for its texts in the visitor's language only, by a script its policy allows", async () => {
		const html = await withPreloads(prerendered, '/library', {
			tables,
			scripts: scripts('A.js'),
			pools: noPools
		});
		const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
		const hash = createHash('sha256').update(script).digest('base64');
		expect(html).toContain(`'sha256-kit=' 'sha256-${hash}'`);
		expect(run(html, ['zh-CN'])).toEqual(['/_app/immutable/chunks/text-app.zh-CN.1.js']);
		expect(run(html, ['en-GB'])).toEqual(['/_app/immutable/chunks/text-app.en.1.js']);
		// Minified, and without what only the drill page does.
		expect(script.length).toBeLessThan(textStartSource(pageTexts(scripts('A.js'), tables)).length);
		expect(script).not.toContain('bank-index');
		// A page with no grouped file, or no policy to allow a script (the dev server's), gets none.
		expect(
			await withPreloads(prerendered, '/library', {
				tables,
				scripts: scripts('B.js'),
				pools: noPools
			})
		).toBe(prerendered);
		const open = prerendered.replace(policy, '');
		expect(
			await withPreloads(open, '/library', { tables, scripts: scripts('A.js'), pools: noPools })
		).toBe(open);
	});

	it("the drill page's early script asks for its texts in the locale it decided", async () => {
		const html = await withPreloads(prerendered, '/train', {
			tables,
			scripts: scripts('A.js', 'P.js'),
			pools: () => pools
		});
		expect(html).toContain('bank-index');
		expect(run(html, ['zh-TW'])).toEqual([
			'/_app/immutable/chunks/text-app.zh-CN.1.js',
			'/_app/immutable/chunks/text-page.zh-CN.2.js'
		]);
		expect(run(html, ['fr'])).toEqual([
			'/_app/immutable/chunks/text-app.en.1.js',
			'/_app/immutable/chunks/text-page.en.2.js'
		]);
	});
});

describe("the drill page's early start", () => {
	const index = bankIndex(shippedBank());
	const scenarioIds = new Set(index.scenarios.map((s) => s.id));
	// The script as the page carries it, minified.
	let script = '';
	beforeAll(async () => {
		script = await earlyStartScript(pools);
	});
	afterEach(() => {
		vi.unstubAllGlobals();
		delete (globalThis as Record<string, unknown>)[EARLY_START];
	});

	/**
	 * Runs the script's text as the page does, with `fetch` answering as given, in a browser preferring
	 * `languages` and whose locale mirror holds `kept`.
	 */
	function run(
		answer: (path: string) => Promise<Response>,
		languages: string[] = ['en-US'],
		kept: string | null = null
	): { paths: string[]; start: EarlyStart } {
		const paths: string[] = [];
		vi.stubGlobal('fetch', (path: string) => {
			paths.push(path);
			return answer(path);
		});
		vi.stubGlobal('navigator', { languages, language: languages[0] });
		vi.stubGlobal('localStorage', {
			getItem: (key: string) => (key === LOCALE_MIRROR_KEY ? kept : null)
		});
		new Function(script)();
		return { paths, start: (globalThis as Record<string, unknown>)[EARLY_START] as EarlyStart };
	}

	/** The server's answer: the index in any locale, a scenario file naming its scenario. */
	const serve = async (path: string) =>
		path.startsWith('/bank-index.')
			? Response.json(index)
			: Response.json({ id: decodeURIComponent(path.slice(11).split('.')[0] ?? '') });

	it("fetches the index in the visitor's locale and, beside it, the scenario drawn to begin Quick 10 in it, keeping both parsed", async () => {
		for (const [languages, kept, locale] of [
			[['en-US'], null, 'en'],
			[['zh-CN', 'en'], null, 'zh-CN'],
			[['zh-TW'], null, 'zh-CN'],
			[['fr-FR'], null, 'en'],
			// The learner's own choice, mirrored, wins over the browser's.
			[['zh-CN'], 'en', 'en'],
			[['en-GB'], 'zh-CN', 'zh-CN'],
			// A mirror naming no locale of the app is not one.
			[['zh-CN'], 'de', 'zh-CN']
		] as const) {
			// Fetches never answered: the scenario does not wait for the index.
			const asked = run(() => new Promise<Response>(() => {}), [...languages], kept);
			const indexAt = `/bank-index.${locale}.json`;
			expect(asked.paths).toHaveLength(2);
			expect(asked.paths[0]).toBe(indexAt);
			expect(asked.paths[1]).toMatch(new RegExp(`^/scenarios/[^/]+\\.${locale}\\.json$`));
			delete (globalThis as Record<string, unknown>)[EARLY_START];

			const { paths, start } = run(serve, [...languages], kept);
			const first = start.first;
			expect(scenarioIds.has(first!)).toBe(true);
			const path = `/scenarios/${encodeURIComponent(first!)}.${locale}.json`;
			expect(paths).toEqual([indexAt, path]);
			expect(Object.keys(start.files)).toEqual([indexAt, path]);
			expect(await start.files[indexAt]).toEqual(index);
			expect(await start.files[path]).toEqual({ id: first });
		}
	});

	it('keeps null, never a rejection, for what could not be fetched or read', async () => {
		const offline = run(() => Promise.reject(new TypeError('Failed to fetch')));
		const drawn = offline.start.first;
		expect(await offline.start.files['/bank-index.en.json']).toBeNull();
		expect(
			await offline.start.files[`/scenarios/${encodeURIComponent(drawn!)}.en.json`]
		).toBeNull();
		expect(offline.paths).toHaveLength(2);

		const missing = run(async (path) =>
			path === '/bank-index.en.json' ? Response.json(index) : new Response('', { status: 404 })
		);
		const first = missing.start.first;
		expect(
			await missing.start.files[`/scenarios/${encodeURIComponent(first!)}.en.json`]
		).toBeNull();

		const damaged = run(async () => new Response('{"scenarios": 3'));
		expect(await damaged.start.files['/bank-index.en.json']).toBeNull();
	});

	it('decides the locale without its mirror where storage is blocked', async () => {
		vi.stubGlobal('fetch', () => Promise.resolve(Response.json(index)));
		vi.stubGlobal('navigator', { languages: ['zh-CN'] });
		vi.stubGlobal('localStorage', {
			getItem: () => {
				throw new Error('SecurityError');
			}
		});
		new Function(script)();
		const start = (globalThis as Record<string, unknown>)[EARLY_START] as EarlyStart;
		const [indexAt, scenarioAt] = Object.keys(start.files);
		expect(indexAt).toBe('/bank-index.zh-CN.json');
		expect(scenarioAt).toMatch(/^\/scenarios\/[^/]+\.zh-CN\.json$/);
	});
});
