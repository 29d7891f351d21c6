/**
 * What pages start before their scripts run: every page's HTML preloads each script its scripts import
 * at once (see src/lib/module-preloads.ts).
 */
import type { APIRequestContext } from '@playwright/test';
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
