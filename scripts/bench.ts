/**
 * `npm run bench [-- --no-build] [-- --cues-only]`: builds the app and prints size and speed figures.
 * - first, with no build: each cue strategy of the checker's audit and a random learner as simulated
 *   learners through the quiz machine over the whole bank (scripts/bench-cues.ts; `--cues-only` stops there);
 * - client JavaScript, raw and gzip: the whole app, and what each prerendered route loads
 *   (the modules its HTML preloads);
 * - measured in Chromium against the built server: the gzip bytes of JavaScript loaded before the first
 *   question of a quick drill is interactive, against a budget of 1.5x a bare SvelteKit page, and the
 *   p50/p95 time from submitting an answer to its feedback on screen over a 20-question drill
 *   (performance marks `fd:answer-to-feedback`).
 * Figures go to stdout and to bench-results/latest.json.
 */
import { execSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { loadBankFromDisk } from '../src/lib/scenarios/disk';
import { generateQuestions } from '../src/lib/scenarios/generate';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCueBench } from './bench-cues';

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

const cueLearners = runCueBench();
if (process.argv.includes('--cues-only')) process.exit(0);

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

/** Client JS of a bare SvelteKit page on this toolchain (gzip), the reference for the budget. */
const BARE_PAGE_GZIP = 29_002;
const BUDGET = Math.round(1.5 * BARE_PAGE_GZIP);

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
		});
	});
}

async function waitForServer(url: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server at ${url} did not start`);
}

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/** Presses Enter through the script and answers the question on screen (key 1, or its first step). */
async function answerOne(page: Page): Promise<void> {
	while ((await page.locator('[data-screen=presenting]').count()) > 0)
		await page.keyboard.press('Enter');
	await page.locator('[data-screen=asking]').waitFor();
	const kind = await page.locator('[data-kind]').getAttribute('data-kind');
	if (kind === 'flags' || kind === 'stop') await page.locator('.step-control').first().click();
	else await page.keyboard.press('1');
	await page.keyboard.press('Enter');
	await page.locator('[data-screen=feedback]').waitFor();
}

/** Number of attempts planted in the history for the review benchmark. */
const HISTORY_SIZE = 10_000;

/** A history of HISTORY_SIZE attempts over 100 drills, drawn from the shipped bank. */
function plantedHistory() {
	const bank = loadBankFromDisk('questions');
	if (!bank.ok) throw new Error('the shipped bank is invalid');
	const questions = generateQuestions(bank.bank);
	const scenario = new Map(bank.bank.scenarios.map((s) => [s.id, s]));
	const t0 = Date.now() - 100 * 86_400_000;
	return Array.from({ length: HISTORY_SIZE }, (_, i) => {
		const q = questions[(i * 7919) % questions.length]!;
		const run = Math.floor(i / 100);
		return {
			v: 2,
			id: `bench-${run}:${i % 100}`,
			runId: `bench-${run}`,
			questionId: q.id,
			scenarioId: q.scenarioId,
			kind: q.kind,
			selection: [0],
			correct: (i * 31) % 10 < 7,
			confidence: (i * 17) % 10 < 6 ? 'sure' : 'unsure',
			mode: 'drill',
			deck: 'full',
			at: t0 + run * 86_400_000 + (i % 100) * 20_000,
			elapsedMs: 4000,
			lure: scenario.get(q.scenarioId)?.lure ?? null,
			verdict: scenario.get(q.scenarioId)?.verdict ?? null
		};
	});
}

/**
 * With HISTORY_SIZE attempts stored, the time to open the review page and summarise (its own
 * `fd:review-open` measure: read and validate, replay the cards, derive, render), against reading the
 * same raw records from IndexedDB in the same page. Median of three.
 */
async function measureReview(page: Page, base: string) {
	await page.goto(`${base}/data`);
	await page.locator('[data-ready=true]').waitFor();
	const history = plantedHistory();
	await page.evaluate(
		(records) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('fraud-drill-attempts');
				open.onsuccess = () => {
					const tx = open.result.transaction('records', 'readwrite');
					for (const r of records) tx.objectStore('records').put(r, r.id);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		history
	);
	const reviewMs: number[] = [];
	const rawMs: number[] = [];
	for (let i = 0; i < 3; i++) {
		rawMs.push(
			await page.evaluate(
				() =>
					new Promise<number>((resolve) => {
						const start = performance.now();
						const open = indexedDB.open('fraud-drill-attempts');
						open.onsuccess = () => {
							const req = open.result.transaction('records').objectStore('records').getAll();
							req.onsuccess = () => {
								resolve(performance.now() - start);
								open.result.close();
							};
						};
					})
			)
		);
		await page.goto(`${base}/review`);
		await page.locator('[data-ready=true]').waitFor();
		await page.waitForFunction(() => performance.getEntriesByName('fd:review-open').length > 0);
		reviewMs.push(
			await page.evaluate(() => performance.getEntriesByName('fd:review-open')[0]?.duration ?? NaN)
		);
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? NaN;
	return { attempts: history.length, reviewMs: median(reviewMs), rawMs: median(rawMs) };
}

/** Drives the built app in Chromium: JS before the first question, and answer-to-feedback times. */
async function measureInBrowser() {
	const port = await freePort();
	const server = spawn('node', ['build'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: 'ignore'
	});
	const base = `http://127.0.0.1:${port}`;
	try {
		await waitForServer(base);
		const browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic']
		});
		// Cold cache, no service worker, gzip transfer: what a first-time visitor's browser downloads.
		const context = await browser.newContext({
			serviceWorkers: 'block',
			extraHTTPHeaders: { 'Accept-Encoding': 'gzip' }
		});
		const page = await context.newPage();
		const js: Promise<number>[] = [];
		page.on('requestfinished', (request) => {
			if (request.url().endsWith('.js'))
				js.push(request.sizes().then((sizes) => sizes.responseBodySize));
		});
		await page.goto(`${base}/train`);
		await page.locator('[data-ready=true]').waitFor();
		await page.locator('[data-deck=quick]').click();
		await page.getByRole('button', { name: 'Show all' }).click();
		await page.locator('[data-screen=asking]').waitFor();
		const sizes = await Promise.all(js);
		const firstQuestion = { gzip: sizes.reduce((n, b) => n + b, 0), files: sizes.length };

		// 20 questions of the full drill, timed by the app's own performance marks.
		await page.getByRole('button', { name: 'Quit drill' }).click();
		await page.locator('[data-deck=full]').click();
		for (let i = 0; i < 20; i++) {
			await answerOne(page);
			await page.keyboard.press('Enter');
		}
		const durations = (
			await page.evaluate(() =>
				performance.getEntriesByName('fd:answer-to-feedback').map((e) => e.duration)
			)
		).sort((a, b) => a - b);
		const review = await measureReview(page, base);
		await browser.close();
		return {
			review,
			firstQuestion,
			feedback: {
				samples: durations.length,
				p50: quantile(durations, 0.5),
				p95: quantile(durations, 0.95),
				max: durations.at(-1) ?? NaN
			}
		};
	} finally {
		server.kill();
	}
}

const { firstQuestion, feedback, review } = await measureInBrowser();

console.log(
	`JS loaded before the first question is interactive (Chromium, gzip transfer): ${fmt(firstQuestion.gzip)} B in ${firstQuestion.files} files; budget ${fmt(BUDGET)} B (1.5 x ${fmt(BARE_PAGE_GZIP)} B bare page): ${firstQuestion.gzip <= BUDGET ? 'within' : 'OVER'}`
);
console.log(
	`review page with ${fmt(review.attempts)} attempts: open and summarise ${review.reviewMs.toFixed(0)} ms; raw IndexedDB read ${review.rawMs.toFixed(0)} ms; ratio ${(review.reviewMs / review.rawMs).toFixed(1)}x`
);
console.log(
	`answer -> feedback on screen, ${feedback.samples} answers: p50 ${feedback.p50.toFixed(1)} ms, p95 ${feedback.p95.toFixed(1)} ms, max ${feedback.max.toFixed(1)} ms`
);

mkdirSync('bench-results', { recursive: true });
writeFileSync(
	join('bench-results', 'latest.json'),
	JSON.stringify(
		{
			date: new Date().toISOString(),
			clientJs: total,
			routes,
			bankJson: { raw: bank, gzip: bankGzip },
			firstQuestionJs: { ...firstQuestion, budget: BUDGET },
			answerToFeedbackMs: feedback,
			review,
			cueLearners
		},
		null,
		2
	)
);
console.log(`(written to ${relative('.', join('bench-results', 'latest.json'))})`);
