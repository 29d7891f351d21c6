/**
 * `npm run bench [-- --no-build]`: builds the app and prints size figures.
 * - client JavaScript, raw and gzip: the whole app, and what each prerendered route loads
 *   (the modules its HTML preloads, i.e. what a browser fetches before the page is interactive).
 * Figures go to stdout and to bench-results/latest.json.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const CLIENT = 'build/client';
const PRERENDERED = 'build/prerendered';

interface Size {
	raw: number;
	gzip: number;
	files: number;
}

function sizeOf(files: string[]): Size {
	return files.reduce<Size>(
		(acc, file) => {
			const bytes = readFileSync(file);
			return {
				raw: acc.raw + bytes.length,
				gzip: acc.gzip + gzipSync(bytes, { level: 9 }).length,
				files: acc.files + 1
			};
		},
		{ raw: 0, gzip: 0, files: 0 }
	);
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

/** The JavaScript files a prerendered page preloads and imports. */
function routeScripts(htmlFile: string): string[] {
	const html = readFileSync(htmlFile, 'utf8');
	const hrefs = [
		...html.matchAll(/<link href="([^"]+\.js)" rel="modulepreload">/g),
		...html.matchAll(/import\("([^"]+\.js)"\)/g)
	].map((m) => m[1] ?? '');
	const files = new Set(hrefs.map((h) => join(CLIENT, h.replace(/^(\.\.?\/)+/, ''))));
	return [...files];
}

const fmt = (n: number) => n.toLocaleString('en-US');

if (!process.argv.includes('--no-build')) execSync('npm run -s build', { stdio: 'ignore' });

const allJs = walk(join(CLIENT, '_app')).filter((f) => f.endsWith('.js'));
const total = sizeOf(allJs);
const routes: Record<string, Size> = {};
for (const [route, file] of [
	['/', 'index.html'],
	['/library', 'library.html']
] as const)
	routes[route] = sizeOf(routeScripts(join(PRERENDERED, file)));
const scenarioPages = readdirSync(join(PRERENDERED, 'library')).filter((f) => f.endsWith('.html'));
if (scenarioPages[0])
	routes['/library/[id]'] = sizeOf(routeScripts(join(PRERENDERED, 'library', scenarioPages[0])));
const bank = statSync(join(PRERENDERED, 'bank.json')).size;
const bankGzip = gzipSync(readFileSync(join(PRERENDERED, 'bank.json')), { level: 9 }).length;

console.log(
	`client JS, all chunks: ${fmt(total.raw)} B raw, ${fmt(total.gzip)} B gzip (${total.files} files)`
);
for (const [route, s] of Object.entries(routes))
	console.log(
		`route ${route.padEnd(14)} JS loaded: ${fmt(s.raw)} B raw, ${fmt(s.gzip)} B gzip (${s.files} files)`
	);
console.log(`bank.json: ${fmt(bank)} B raw, ${fmt(bankGzip)} B gzip`);

mkdirSync('bench-results', { recursive: true });
writeFileSync(
	join('bench-results', 'latest.json'),
	JSON.stringify(
		{
			date: new Date().toISOString(),
			clientJs: total,
			routes,
			bankJson: { raw: bank, gzip: bankGzip }
		},
		null,
		2
	)
);
console.log(`(written to ${relative('.', join('bench-results', 'latest.json'))})`);
