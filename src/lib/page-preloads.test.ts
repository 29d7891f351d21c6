import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_START, type EarlyStart } from './bank-client';
import { bankIndex } from './quiz/catalog';
import { shippedBank } from './quiz/test-catalog';
import { earlyStartScript, preloadLinks, withPreloads } from './page-preloads';

describe('page preloads', () => {
	it('preloads the bank index for the drill page only', () => {
		expect(preloadLinks('/train')).toBe(
			'<link rel="preload" href="/bank-index.json" as="fetch" crossorigin="anonymous">'
		);
		expect(preloadLinks('/')).toBe('');
		expect(preloadLinks('/train/')).toBe('');
		expect(preloadLinks('/review')).toBe('');
	});

	it('puts the links first in the head, after its encoding, and leaves other pages as they are', () => {
		const html =
			'<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>x</title></head><body></body></html>';
		expect(withPreloads(html, '/train')).toBe(
			'<!doctype html><html lang="en"><head><meta charset="utf-8" /><link rel="preload" href="/bank-index.json" as="fetch" crossorigin="anonymous"><title>x</title></head><body></body></html>'
		);
		expect(withPreloads(html, '/library')).toBe(html);
		// A page without an encoding declared: at the top of its head.
		expect(withPreloads('<html><head><title>x</title></head></html>', '/train')).toBe(
			`<html><head>${preloadLinks('/train')}<title>x</title></head></html>`
		);
	});

	it("runs the drill page's early start after its links, allowed by its hash beside SvelteKit's", () => {
		const policy =
			"<meta http-equiv=\"content-security-policy\" content=\"default-src 'self'; script-src 'self' 'sha256-kit='; style-src 'self'\">";
		const html = `<!doctype html><html lang="en"><head><meta charset="utf-8" />${policy}</head><body></body></html>`;
		const script = earlyStartScript();
		const hash = createHash('sha256').update(script).digest('base64');
		expect(withPreloads(html, '/train')).toBe(
			`<!doctype html><html lang="en"><head><meta charset="utf-8" />${preloadLinks('/train')}<script>${script}</script>` +
				`<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-kit=' 'sha256-${hash}'; style-src 'self'"></head><body></body></html>`
		);
		expect(withPreloads(html, '/library')).toBe(html);
	});
});

describe("the drill page's early start", () => {
	const index = bankIndex(shippedBank());
	const scenarioIds = new Set(index.scenarios.map((s) => s.id));
	afterEach(() => {
		vi.unstubAllGlobals();
		delete (globalThis as Record<string, unknown>)[EARLY_START];
	});

	/** Runs the script's text as the page does, with `fetch` answering as given. */
	function run(answer: (path: string) => Promise<Response>): {
		paths: string[];
		start: EarlyStart;
	} {
		const paths: string[] = [];
		vi.stubGlobal('fetch', (path: string) => {
			paths.push(path);
			return answer(path);
		});
		new Function(earlyStartScript())();
		return { paths, start: (globalThis as Record<string, unknown>)[EARLY_START] as EarlyStart };
	}

	it('fetches the index, then the scenario drawn to begin Quick 10, keeping both parsed', async () => {
		const { paths, start } = run(async (path) =>
			path === '/bank-index.json'
				? Response.json(index)
				: Response.json({ id: decodeURIComponent(path.slice(11, -5)) })
		);
		expect(paths).toEqual(['/bank-index.json']);
		const first = await start.first;
		expect(scenarioIds.has(first!)).toBe(true);
		const path = `/scenarios/${encodeURIComponent(first!)}.json`;
		expect(paths).toEqual(['/bank-index.json', path]);
		expect(Object.keys(start.files)).toEqual(['/bank-index.json', path]);
		expect(await start.files['/bank-index.json']).toEqual(index);
		expect(await start.files[path]).toEqual({ id: first });
	});

	it('keeps null, never a rejection, for what could not be fetched or read', async () => {
		const offline = run(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(await offline.start.first).toBeNull();
		expect(await offline.start.files['/bank-index.json']).toBeNull();
		expect(offline.paths).toEqual(['/bank-index.json']);

		const missing = run(async (path) =>
			path === '/bank-index.json' ? Response.json(index) : new Response('', { status: 404 })
		);
		const first = await missing.start.first;
		expect(await missing.start.files[`/scenarios/${encodeURIComponent(first!)}.json`]).toBeNull();

		const damaged = run(async () => new Response('{"scenarios": 3}'));
		expect(await damaged.start.first).toBeNull();
	});
});
