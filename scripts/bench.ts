/**
 * `npm run bench [-- --runs N] [-- --no-build] [-- --only <group>[,<group>]] [-- --cues-only]
 *  [-- --locale <tag>]`
 *
 * Builds the app and the floor reference app (bench/floor: bare SvelteKit + one xstate machine + one
 * localforage read, on the same pinned packages) and measures both in the same run, in Chromium with the
 * service worker blocked and gzip transfer, so every speed figure is quoted as a ratio to the floor.
 * Groups (all by default, in this order):
 * - cues: simulated script-blind learners through the quiz machine (scripts/bench-cues.ts); no build
 * - size: client JavaScript on disk, raw and gzip, per prerendered route
 * - first: bytes, requests and time until the first Quick-10 question is answerable, at 1× and at
 *   CPU 4× + 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up; app and floor alternate, N runs each
 * - drill: a Quick-10 drill answered by key, N drills at 1× and at 4×: key press → feedback painted
 *   (p50, p95), the app's own `fd:answer-to-feedback` measures beside it, long tasks during the drill;
 *   against the floor's ten answers by key on its one question, app and floor taking turns; twice: answered
 *   the moment each question is up, then after a second of reading it, as a learner does
 * - review: /review with 10,000 attempts in IndexedDB: the app's own `fd:review-open` against a raw getAll of
 *   the same store in the same page; from navigation start against the floor's /history page (navigation,
 *   one getAll of the same records, their count shown)
 * - home: the home page's "due today" with the same history, from navigation start against the floor's
 *   /history page (and against the raw getAll), its long tasks; and
 *   which chunks a new user's home page loads, matched to review code through Vite's manifest
 * Like with like: both apps are served by their own adapter-node build, which sends the precompressed
 * `.gz` copy of every static and prerendered file (the bank, the pages, the chunks) when gzip is accepted;
 * the browser asks for gzip only. Sizes are the bodies as sent (Resource Timing's encodedBodySize).
 * Prints a table (figure | app | floor | ratio | target | pass?), writes bench-results/latest.json (the
 * last one kept as previous.json) and prints what changed.
 */
import { execSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { loadBankFromDisk } from '../src/lib/scenarios/disk';
import { generateQuestions } from '../src/lib/scenarios/generate';
import {
	FAST,
	SLOW_CPU,
	SLOW_PHONE,
	feedbackCounter,
	isJs,
	launch,
	loadedBefore,
	openPage,
	pageErrors,
	probeState,
	rawGetAll,
	seedStore,
	startServer,
	useLocale,
	waitForMark,
	type Loaded,
	type Profile,
	type ProbeConfig,
	type Server
} from './bench-browser';
import { runCueBench } from './bench-cues';
import { chunkOwners } from './bench-manifest';
import {
	benchResult,
	changes,
	figure,
	formatChanges,
	formatTable,
	median,
	parseOptions,
	parseResult,
	quantile,
	type Figure,
	type RunInfo
} from './bench-stats';

const options = (() => {
	try {
		return parseOptions(process.argv.slice(2));
	} catch (e) {
		console.error(`bench: ${(e as Error).message}`);
		process.exit(2);
	}
})();
useLocale(options.locale);
const t0 = performance.now();
const wanted = (group: string) => options.only === null || options.only.includes(group);
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const log = (line: string) => console.log(line);
const ms = (x: number) => `${x.toFixed(0)} ms`;

const FLOOR_DIR = 'bench/floor';
const ATTEMPTS_DB = 'fraud-drill-attempts';
const ATTEMPTS_STORE = 'records';
/** Number of attempts planted in the history for the review and home figures. */
const HISTORY_SIZE = 10_000;

// ---------------------------------------------------------------- cues (no build, no browser)
if (wanted('cues')) details.cueLearners = runCueBench();
if (options.only?.length === 1 && options.only[0] === 'cues') process.exit(0);

// ---------------------------------------------------------------- builds
/** Runs a build quietly; on failure prints its output and stops the bench. */
function build(command: string, cwd: string): void {
	try {
		execSync(command, { cwd, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
	} catch (e) {
		const { stdout, stderr } = e as { stdout?: Buffer; stderr?: Buffer };
		console.error(`${stdout ?? ''}${stderr ?? ''}\nbench: \`${command}\` failed in ${cwd}`);
		process.exit(1);
	}
}
if (options.build) {
	log('building the app …');
	build('npm run -s build', '.');
}
/** True when the floor's build is missing or older than any of its sources. */
function floorStale(): boolean {
	const built = join(FLOOR_DIR, 'build', 'index.js');
	if (!existsSync(built)) return true;
	const sources = [
		...walk(join(FLOOR_DIR, 'src')),
		join(FLOOR_DIR, 'svelte.config.js'),
		join(FLOOR_DIR, 'vite.config.js')
	];
	const builtAt = statSync(built).mtimeMs;
	return sources.some((f) => statSync(f).mtimeMs > builtAt);
}
if (options.build || floorStale()) {
	log('building the floor reference app …');
	build(join(process.cwd(), 'node_modules/.bin/vite') + ' build --logLevel error', FLOOR_DIR);
}
log(`builds: ${((performance.now() - t0) / 1000).toFixed(0)} s`);

// ---------------------------------------------------------------- size (on disk)
function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}
function sizeOf(files: string[]) {
	return files.reduce(
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
if (wanted('size')) {
	const app = sizeOf(walk('build/client/_app').filter((f) => f.endsWith('.js')));
	const floor = sizeOf(walk(join(FLOOR_DIR, 'build/client/_app')).filter((f) => f.endsWith('.js')));
	details.size = { app, floor };
	figures.push(
		figure({
			id: 'js-all-chunks',
			group: 'size',
			label: 'all client JS on disk (gzip)',
			unit: 'bytes',
			app: app.gzip,
			floor: floor.gzip,
			n: 1
		})
	);
}

// ---------------------------------------------------------------- browser groups
/** The app's Quick-10 start: open the trainer, start Quick 10 as soon as it can be, show the whole script. */
const APP_FIRST: ProbeConfig = {
	clicks: [
		'[data-ready=true] [data-deck=quick]',
		'[data-screen=presenting] .more button.secondary'
	],
	marks: {
		question: '[data-screen=presenting], [data-screen=asking]',
		answerable: '[data-screen=asking]'
	},
	feedback: false
};
const FLOOR_FIRST: ProbeConfig = {
	clicks: [],
	marks: { question: '[data-screen=asking]', answerable: '[data-screen=asking]' },
	feedback: false
};

interface FirstRun {
	ms: number;
	questionMs: number;
	js: number;
	jsFiles: number;
	bytes: number;
	requests: number;
	loaded: Loaded[];
}

async function firstQuestion(
	browser: Browser,
	url: string,
	profile: Profile,
	config: ProbeConfig
): Promise<FirstRun> {
	const { page, close } = await openPage(browser, profile, config);
	try {
		await page.goto(url, { waitUntil: 'commit' });
		const answerable = await waitForMark(page, 'answerable');
		const state = await probeState(page);
		const loaded = await loadedBefore(page, answerable);
		const js = loaded.filter(isJs);
		return {
			ms: answerable,
			questionMs: state.marks.question ?? NaN,
			js: js.reduce((n, l) => n + l.encoded, 0),
			jsFiles: js.length,
			bytes: loaded.reduce((n, l) => n + l.encoded, 0),
			requests: loaded.length,
			loaded
		};
	} finally {
		await close();
	}
}

async function measureFirst(browser: Browser, app: Server, floor: Server) {
	const runs: Record<string, { app: FirstRun[]; floor: FirstRun[] }> = {};
	for (const profile of [FAST, SLOW_PHONE]) {
		const r = { app: [] as FirstRun[], floor: [] as FirstRun[] };
		for (let i = 0; i < options.runs; i++) {
			// Alternate which goes first, so that a drift in the machine's speed touches both alike.
			const order = i % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const);
			for (const which of order) {
				const run =
					which === 'app'
						? await firstQuestion(browser, app.base + options.appPath, profile, APP_FIRST)
						: await firstQuestion(browser, floor.base + '/', profile, FLOOR_FIRST);
				r[which].push(run);
			}
		}
		runs[profile.name] = r;
		log(
			`first question, ${profile.name}: app ${ms(median(r.app.map((x) => x.ms)))}, floor ${ms(median(r.floor.map((x) => x.ms)))}`
		);
	}
	const fast = runs[FAST.name]!;
	const slow = runs[SLOW_PHONE.name]!;
	const med = (xs: FirstRun[], f: (x: FirstRun) => number) => median(xs.map(f));
	const n = options.runs;
	figures.push(
		figure({
			id: 'js-first-question',
			group: 'first',
			label: 'JS before first question (gzip)',
			unit: 'bytes',
			app: med(fast.app, (x) => x.js),
			floor: med(fast.floor, (x) => x.js),
			target: { on: 'ratio', max: 1.3 },
			n
		}),
		figure({
			id: 'js-files-first-question',
			group: 'first',
			label: 'JS files before first question',
			unit: 'files',
			app: med(fast.app, (x) => x.jsFiles),
			floor: med(fast.floor, (x) => x.jsFiles),
			n
		}),
		figure({
			id: 'bytes-first-question',
			group: 'first',
			label: 'all bytes before first question',
			unit: 'bytes',
			app: med(fast.app, (x) => x.bytes),
			floor: med(fast.floor, (x) => x.bytes),
			target: { on: 'ratio', max: 1.6 },
			n
		}),
		figure({
			id: 'requests-first-question',
			group: 'first',
			label: 'requests before first question',
			unit: 'requests',
			app: med(fast.app, (x) => x.requests),
			floor: med(fast.floor, (x) => x.requests),
			n
		}),
		figure({
			id: 'ttfq-1x',
			group: 'first',
			label: 'time to first question, 1×',
			unit: 'ms',
			app: med(fast.app, (x) => x.ms),
			floor: med(fast.floor, (x) => x.ms),
			n
		}),
		figure({
			id: 'ttfq-4x-slow',
			group: 'first',
			label: 'time to first question, 4× + slow net',
			unit: 'ms',
			app: med(slow.app, (x) => x.ms),
			floor: med(slow.floor, (x) => x.ms),
			target: { on: 'ratio', max: 1.25 },
			n
		})
	);
	// One run's list of what loaded, for reading; every run's figures.
	const lastApp = fast.app.at(-1);
	details.first = {
		runs: Object.fromEntries(
			Object.entries(runs).map(([name, r]) => [
				name,
				{
					app: r.app.map(({ loaded: _, ...x }) => x),
					floor: r.floor.map(({ loaded: _, ...x }) => x)
				}
			])
		),
		appLoaded: lastApp?.loaded.map((l) => ({
			url: new URL(l.url).pathname,
			type: l.type,
			encoded: l.encoded,
			start: Math.round(l.start)
		})),
		floorLoaded: fast.floor.at(-1)?.loaded.map((l) => ({
			url: new URL(l.url).pathname,
			type: l.type,
			encoded: l.encoded,
			start: Math.round(l.start)
		})),
		questionShownMs: {
			'1×': {
				app: med(fast.app, (x) => x.questionMs),
				floor: med(fast.floor, (x) => x.questionMs)
			},
			[SLOW_PHONE.name]: {
				app: med(slow.app, (x) => x.questionMs),
				floor: med(slow.floor, (x) => x.questionMs)
			}
		}
	};
}

/**
 * How long a learner looks at a question before answering, in the drill's second pass. The first pass
 * answers the moment a question is up, as no person does: it measures the answer with nothing drawn ahead.
 */
const READ_MS = 1000;

/**
 * A Quick-10 drill answered by key (or a click on a step control, then Enter), `readMs` after each question
 * is up; returns the probe's record.
 */
async function drill(browser: Browser, app: Server, profile: Profile, readMs: number) {
	const { page, close } = await openPage(browser, profile, {
		clicks: ['[data-ready=true] [data-deck=quick]'],
		marks: { question: '[data-screen=presenting], [data-screen=asking]', results: '[data-score]' },
		feedback: true
	});
	try {
		const shown = await feedbackCounter(page);
		await page.goto(app.base + options.appPath);
		const start = await waitForMark(page, 'question');
		for (let i = 0; i < 40; i++) {
			const screen = page.locator('[data-screen], [data-score]').first();
			await screen.waitFor();
			if ((await page.locator('[data-score]').count()) > 0) break;
			while ((await page.locator('[data-screen=presenting]').count()) > 0)
				await page.keyboard.press('Enter');
			await page.locator('[data-screen=asking]').waitFor();
			if (readMs > 0) await page.waitForTimeout(readMs);
			const kind = await page.locator('[data-kind]').first().getAttribute('data-kind');
			if (kind === 'flags' || kind === 'stop') await page.locator('.step-control').first().click();
			else await page.keyboard.press('1');
			const seen = shown.count;
			await page.keyboard.press('Enter');
			await shown.after(seen);
			await page.keyboard.press('Enter');
			// Enter on the feedback moves on once the next scenario is at hand (fetched while the learner read,
			// or now): the loop goes on only when the feedback has gone, not on the screen it is leaving.
			await page.locator('[data-screen=feedback]').waitFor({ state: 'detached' });
		}
		const end = await waitForMark(page, 'results');
		const state = await probeState(page);
		const appMarks = await page.evaluate(() =>
			performance.getEntriesByName('fd:answer-to-feedback').map((e) => e.duration)
		);
		// The drill runs from the click on Quick 10 to the results on screen.
		const from = Object.values(state.clicked)[0] ?? start;
		const long = state.long.filter((l) => l.start >= from && l.start <= end);
		return { feedback: state.feedback, keyPaint: state.keyPaint, appMarks, long };
	} finally {
		await close();
	}
}

/**
 * The floor's ten answers by key on its one question (1, Enter, feedback, Enter again), timed by the same
 * probe: what a key press to painted feedback costs on the stack alone.
 */
async function floorDrill(browser: Browser, floor: Server, profile: Profile, readMs: number) {
	const { page, close } = await openPage(browser, profile, {
		clicks: [],
		marks: { question: '[data-screen=asking]' },
		feedback: true
	});
	try {
		const shown = await feedbackCounter(page);
		await page.goto(floor.base + '/');
		const from = await waitForMark(page, 'question');
		for (let i = 0; i < 10; i++) {
			await page.locator('[data-screen=asking]').waitFor();
			if (readMs > 0) await page.waitForTimeout(readMs);
			await page.keyboard.press('1');
			const seen = shown.count;
			await page.keyboard.press('Enter');
			await shown.after(seen);
			await page.keyboard.press('Enter');
		}
		await page.locator('[data-screen=asking]').waitFor();
		const state = await probeState(page);
		return {
			feedback: state.feedback,
			keyPaint: state.keyPaint,
			long: state.long.filter((l) => l.start >= from)
		};
	} finally {
		await close();
	}
}

async function measureDrill(browser: Browser, app: Server, floor: Server) {
	const out: Record<string, unknown> = {};
	for (const [readMs, pass] of [[0, ''], [READ_MS, 'read'] as const] as const)
		for (const profile of [FAST, SLOW_CPU]) {
			const runs = [];
			const floorRuns = [];
			// App and floor take turns, so a slow spell of the shared machine falls on both.
			for (let i = 0; i < options.runs; i++) {
				runs.push(await drill(browser, app, profile, readMs));
				floorRuns.push(await floorDrill(browser, floor, profile, readMs));
			}
			const floorSamples = floorRuns.flatMap((r) => r.feedback);
			const floorCounts = floorRuns.map((r) => r.long.length);
			const samples = runs.flatMap((r) => r.feedback);
			const keyPaint = runs.flatMap((r) => r.keyPaint);
			const floorKeyPaint = floorRuns.flatMap((r) => r.keyPaint);
			const marks = runs.flatMap((r) => r.appMarks);
			const counts = runs.map((r) => r.long.length);
			const longMax = Math.max(0, ...runs.flatMap((r) => r.long.map((l) => l.duration)));
			const tag = (profile.cpu === 1 ? '1x' : '4x') + (pass ? `-${pass}` : '');
			const when = pass
				? `, ${profile.name}, after ${READ_MS / 1000} s reading`
				: `, ${profile.name}`;
			const n = samples.length;
			figures.push(
				figure({
					id: `feedback-p50-${tag}`,
					group: 'drill',
					label: `answer → feedback p50${when}`,
					unit: 'ms',
					app: quantile(samples, 0.5),
					floor: quantile(floorSamples, 0.5),
					n
				}),
				figure({
					id: `feedback-p95-${tag}`,
					group: 'drill',
					label: `answer → feedback p95${when}`,
					unit: 'ms',
					app: quantile(samples, 0.95),
					floor: quantile(floorSamples, 0.95),
					target: { on: 'app', max: profile.cpu === 1 ? 16 : 50 },
					n
				}),
				// The browser's own input → next paint (Event Timing, as INP counts it). The probe's time above
				// ends at a message posted after the paint, which Chromium may hold back for a frame or two after
				// the key's release; this one ends at the paint. A NaN (feedback not in the key's frame) makes the
				// figure NaN rather than flattering.
				figure({
					id: `feedback-event-p95-${tag}`,
					group: 'drill',
					label: `  browser's Event Timing p95 (key → paint, 8 ms steps)${when}`,
					unit: 'ms',
					app: keyPaint.some(Number.isNaN) ? Number.NaN : quantile(keyPaint, 0.95),
					floor: floorKeyPaint.some(Number.isNaN) ? Number.NaN : quantile(floorKeyPaint, 0.95),
					n: keyPaint.length
				}),
				figure({
					id: `feedback-mark-p95-${tag}`,
					group: 'drill',
					label: `  app's own mark p95${when}`,
					unit: 'ms',
					app: quantile(marks, 0.95),
					n: marks.length
				}),
				figure({
					id: `drill-longtasks-${tag}`,
					group: 'drill',
					label: `long tasks per drill (median)${when}`,
					unit: 'count',
					app: median(counts),
					floor: median(floorCounts),
					target: profile.cpu === 1 ? { on: 'app', max: 0 } : null,
					n: runs.length
				}),
				figure({
					id: `drill-longtask-max-${tag}`,
					group: 'drill',
					label: `longest task in a drill${when}`,
					unit: 'ms',
					app: longMax,
					n: runs.length
				})
			);
			out[profile.name + (pass ? ` ${pass}` : '')] = {
				samples,
				keyPaint,
				floorKeyPaint,
				appMarks: marks,
				longTaskCounts: counts,
				longTasks: runs.map((r) => r.long),
				floorSamples,
				floorLongTaskCounts: floorCounts
			};
			log(
				`drill ${profile.name}${pass ? ` ${pass}` : ''}: ${n} answers, p95 ${ms(quantile(samples, 0.95))}, long tasks ${counts.join('/')}; floor p95 ${ms(quantile(floorSamples, 0.95))}`
			);
			// The app's own measure should exist once per answer; say so when it does not.
			if (marks.length !== n)
				log(`  the app's fd:answer-to-feedback measures: ${marks.length} for ${n} answers`);
		}
	details.drill = out;
}

/** HISTORY_SIZE attempts over 100 drills, drawn from the shipped bank (version 2 records: still read). */
function plantedHistory() {
	const loaded = loadBankFromDisk('questions');
	if (!loaded.ok) throw new Error('the shipped bank is invalid');
	const questions = generateQuestions(loaded.bank);
	const scenario = new Map(loaded.bank.scenarios.map((s) => [s.id, s]));
	const start = Date.now() - 100 * 86_400_000;
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
			at: start + run * 86_400_000 + (i % 100) * 20_000,
			elapsedMs: 4000,
			lure: scenario.get(q.scenarioId)?.lure ?? null,
			verdict: scenario.get(q.scenarioId)?.verdict ?? null
		};
	});
}

/** One open of a page with the history: its mark painted since navigation start, and the raw getAll. */
interface HistoryRun {
	shown: number;
	raw: number;
	appMark: number;
	long: { start: number; duration: number }[];
}

/**
 * In one context with the history seeded, opens each page N times and times its mark painted from
 * navigation start, then a raw getAll of the same store in the same page. Each page is opened once at full
 * speed first, so that every measured open finds the page's files in the HTTP cache (a second visit); the
 * measured opens run at the profile's speed.
 */
async function historyPages(
	browser: Browser,
	app: Server,
	profile: Profile,
	history: { id: string }[],
	pages: { name: string; path: string; mark: string }[]
): Promise<Record<string, HistoryRun[]>> {
	const marks = Object.fromEntries(pages.map((p) => [p.name, p.mark]));
	const { page, cdp, close } = await openPage(browser, FAST, {
		clicks: [],
		marks,
		feedback: false
	});
	try {
		await page.goto(app.base + '/data');
		await page.locator('[data-ready=true]').waitFor();
		const ok = await page.evaluate(
			({ db, store }) =>
				new Promise<boolean>((resolve) => {
					const open = indexedDB.open(db);
					open.onsuccess = () => {
						resolve(open.result.objectStoreNames.contains(store));
						open.result.close();
					};
					open.onerror = () => resolve(false);
				}),
			{ db: ATTEMPTS_DB, store: ATTEMPTS_STORE }
		);
		if (!ok) throw new Error(`no ${ATTEMPTS_DB}/${ATTEMPTS_STORE} store after opening /data`);
		await seedStore(page, ATTEMPTS_DB, ATTEMPTS_STORE, history);
		const out: Record<string, HistoryRun[]> = {};
		for (const p of pages) {
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
			await page.goto(app.base + p.path);
			await waitForMark(page, p.name, 120_000);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
			const runs: HistoryRun[] = [];
			for (let i = 0; i < options.runs; i++) {
				await page.goto(app.base + p.path);
				const shown = await waitForMark(page, p.name, 120_000);
				const appMark = await page.evaluate(
					() => performance.getEntriesByName('fd:review-open')[0]?.duration ?? NaN
				);
				const state = await probeState(page);
				const raw = await rawGetAll(page, ATTEMPTS_DB, ATTEMPTS_STORE);
				runs.push({ shown, raw, appMark, long: state.long.filter((l) => l.start <= shown) });
			}
			out[p.name] = runs;
		}
		return out;
	} finally {
		await close();
	}
}

/** The review page and the home page with the history, at 1× and 4×, one seeded context per profile. */
/**
 * The floor for the history pages: the floor app's /history page reads the same 10,000 records (seeded on
 * its own origin) with one getAll and shows their count. Opened N times, after one warm-up open.
 */
async function floorHistory(
	browser: Browser,
	floor: Server,
	profile: Profile,
	history: { id: string }[]
): Promise<HistoryRun[]> {
	const config: ProbeConfig = { clicks: [], marks: { count: '[data-count]' }, feedback: false };
	const { page, cdp, close } = await openPage(browser, FAST, config);
	try {
		await page.goto(floor.base + '/');
		await page.evaluate(
			({ db, store }) =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open(db, 1);
					open.onupgradeneeded = () => open.result.createObjectStore(store);
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						open.result.close();
						resolve();
					};
				}),
			{ db: ATTEMPTS_DB, store: ATTEMPTS_STORE }
		);
		await seedStore(page, ATTEMPTS_DB, ATTEMPTS_STORE, history);
		await page.goto(floor.base + '/history');
		await waitForMark(page, 'count');
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
		const runs: HistoryRun[] = [];
		for (let i = 0; i < options.runs; i++) {
			await page.goto(floor.base + '/history');
			const shown = await waitForMark(page, 'count', 120_000);
			const state = await probeState(page);
			runs.push({
				shown,
				raw: NaN,
				appMark: NaN,
				long: state.long.filter((l) => l.start <= shown)
			});
		}
		return runs;
	} finally {
		await close();
	}
}

async function measureHistory(browser: Browser, app: Server, floor: Server) {
	const history = plantedHistory();
	const pages = [
		...(wanted('review') ? [{ name: 'review', path: '/review', mark: '[data-ready=true]' }] : []),
		...(wanted('home') ? [{ name: 'home', path: '/', mark: '[data-due-counted]' }] : [])
	];
	const byProfile = new Map<Profile, Record<string, HistoryRun[]>>();
	for (const profile of [FAST, SLOW_CPU]) {
		const t = performance.now();
		byProfile.set(profile, {
			...(await historyPages(browser, app, profile, history, pages)),
			floor: await floorHistory(browser, floor, profile, history)
		});
		log(`history pages ${profile.name}: ${((performance.now() - t) / 1000).toFixed(0)} s`);
	}
	if (wanted('review')) reviewFigures(byProfile);
	if (wanted('home')) await homeFigures(browser, app, byProfile);
}

function reviewFigures(byProfile: Map<Profile, Record<string, HistoryRun[]>>) {
	const out: Record<string, unknown> = {};
	for (const [profile, pages] of byProfile) {
		const runs = pages.review!;
		const tag = profile.cpu === 1 ? '1x' : '4x';
		const n = runs.length;
		const raw = median(runs.map((r) => r.raw));
		const appMark = median(runs.map((r) => r.appMark));
		figures.push(
			figure({
				id: `review-open-${tag}`,
				group: 'review',
				label: `/review open, 10k attempts, ${profile.name} (vs getAll)`,
				unit: 'ms',
				app: Number.isFinite(appMark) ? appMark : median(runs.map((r) => r.shown)),
				floor: raw,
				target: { on: 'ratio', max: 2 },
				n
			}),
			figure({
				id: `review-nav-${tag}`,
				group: 'review',
				label: `  navigation → review shown, ${profile.name} (vs floor page)`,
				unit: 'ms',
				app: median(runs.map((r) => r.shown)),
				floor: median((pages.floor ?? []).map((r) => r.shown)),
				n
			})
		);
		out[profile.name] = runs.map(({ long, ...r }) => ({
			...r,
			longTasks: long.length,
			longest: Math.max(0, ...long.map((l) => l.duration))
		}));
		log(
			`review ${profile.name}: open ${ms(appMark)}, shown ${ms(median(runs.map((r) => r.shown)))}, raw getAll ${ms(raw)}`
		);
	}
	details.review = out;
}

async function homeFigures(
	browser: Browser,
	app: Server,
	byProfile: Map<Profile, Record<string, HistoryRun[]>>
) {
	const out: Record<string, unknown> = {};
	for (const [profile, pages] of byProfile) {
		const runs = pages.home!;
		const tag = profile.cpu === 1 ? '1x' : '4x';
		const n = runs.length;
		const raw = median(runs.map((r) => r.raw));
		const counts = runs.map((r) => r.long.length);
		figures.push(
			// From navigation start, so against the floor page (navigation, getAll, count shown); against the
			// bare getAll too, which no page can reach (it has no page load in it).
			figure({
				id: `home-due-${tag}`,
				group: 'home',
				label: `home "due today" shown, 10k attempts, ${profile.name} (vs floor page)`,
				unit: 'ms',
				app: median(runs.map((r) => r.shown)),
				floor: median((pages.floor ?? []).map((r) => r.shown)),
				target: { on: 'ratio', max: 1.2 },
				n
			}),
			figure({
				id: `home-due-raw-${tag}`,
				group: 'home',
				label: `  home "due today" shown, ${profile.name} (vs getAll)`,
				unit: 'ms',
				app: median(runs.map((r) => r.shown)),
				floor: raw,
				n
			}),
			figure({
				id: `home-longtasks-${tag}`,
				group: 'home',
				label: `  long tasks until shown (median), ${profile.name}`,
				unit: 'count',
				app: median(counts),
				target: profile.cpu === 1 ? { on: 'app', max: 0 } : null,
				n
			}),
			figure({
				id: `home-longtask-max-${tag}`,
				group: 'home',
				label: `  longest task until shown, ${profile.name}`,
				unit: 'ms',
				app: Math.max(0, ...runs.flatMap((r) => r.long.map((l) => l.duration))),
				n
			})
		);
		out[profile.name] = runs.map(({ long, ...r }) => ({
			...r,
			longTasks: long.map((l) => Math.round(l.duration))
		}));
		log(
			`home ${profile.name}: due shown ${ms(median(runs.map((r) => r.shown)))}, raw getAll ${ms(raw)}, floor page ${ms(median((pages.floor ?? []).map((r) => r.shown)))}`
		);
	}

	// A new user: what the home page loads with no history at all.
	const { page, close } = await openPage(browser, FAST, { clicks: [], marks: {}, feedback: false });
	try {
		await page.goto(app.base + '/', { waitUntil: 'networkidle' });
		const loaded = (await loadedBefore(page, Infinity)).filter(isJs);
		const owners = chunkOwners();
		const chunks = loaded.map((l) => {
			const file = new URL(l.url).pathname.replace(/^\//, '');
			const owner = owners.get(file);
			return {
				file,
				encoded: l.encoded,
				review: owner?.review ?? false,
				sources: owner?.sources ?? []
			};
		});
		const review = chunks.filter((c) => c.review);
		figures.push(
			figure({
				id: 'home-new-user-review-chunks',
				group: 'home',
				label: 'review chunks loaded on home, new user',
				unit: 'files',
				app: review.length,
				target: { on: 'app', max: 0 },
				n: 1
			}),
			figure({
				id: 'home-new-user-js',
				group: 'home',
				label: '  JS loaded on home, new user (gzip)',
				unit: 'bytes',
				app: chunks.reduce((s, c) => s + c.encoded, 0),
				n: 1
			})
		);
		out.newUserChunks = chunks;
		log(
			`home, new user: ${chunks.length} chunks, review code: ${review.map((c) => `${c.file} (${c.sources.join(', ')})`).join('; ') || 'none'}`
		);
	} finally {
		await close();
	}
	details.home = out;
}

const browserGroups = ['first', 'drill', 'review', 'home'].filter(wanted);
const errors: { group: string; message: string }[] = [];
if (browserGroups.length > 0) {
	const app = await startServer('build', { FRAUD_DRILL_DATA: join('bench-results', 'live-data') });
	const floor = await startServer(join(FLOOR_DIR, 'build'));
	const browser = await launch();
	try {
		const started = performance.now();
		// A group that fails (a page changed under the bench) is reported and the others still run.
		const timed = async (name: string, run: () => Promise<void>) => {
			const t = performance.now();
			const errorsBefore = pageErrors.length;
			try {
				await run();
			} catch (e) {
				const first = (e as Error).message.split('\n')[0] ?? String(e);
				const inPage = pageErrors.slice(errorsBefore).at(-1);
				const message = inPage ? `${first} (the page threw: ${inPage})` : first;
				console.error(`bench: ${name} failed: ${message}`);
				errors.push({ group: name, message });
			}
			log(`(${name}: ${((performance.now() - t) / 1000).toFixed(0)} s)`);
		};
		if (wanted('first')) await timed('first', () => measureFirst(browser, app, floor));
		if (wanted('drill')) await timed('drill', () => measureDrill(browser, app, floor));
		if (wanted('review') || wanted('home'))
			await timed('review and home', () => measureHistory(browser, app, floor));
		log(`browser figures: ${((performance.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		await browser.close();
		app.stop();
		floor.stop();
	}
}

// ---------------------------------------------------------------- report
const git = (cmd: string) => {
	try {
		return execSync(`git ${cmd}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return '';
	}
};
const chromiumVersion = (() => {
	try {
		return execSync(`${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} --version`, {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		return 'unknown';
	}
})();
const info: RunInfo = {
	date: new Date().toISOString(),
	commit: git('rev-parse HEAD') || 'unknown',
	dirty: git('status --porcelain').length > 0,
	cpu: { model: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
	node: process.version,
	chromium: chromiumVersion,
	runs: options.runs,
	groups: options.only ?? ['cues', 'size', ...browserGroups],
	locale: options.locale
};
if (errors.length > 0) details.errors = errors;
const result = benchResult(info, figures, details);

log('');
log(
	`${info.commit.slice(0, 10)}${info.dirty ? ' (with uncommitted changes)' : ''} · ${info.cpu.model} × ${info.cpu.cores} · ${info.chromium} · browser language ${options.locale} · medians of ${options.runs} runs`
);
log(formatTable(figures));

mkdirSync('bench-results', { recursive: true });
const latest = join('bench-results', 'latest.json');
const previousFile = join('bench-results', 'previous.json');
let previous = null;
if (existsSync(latest)) {
	copyFileSync(latest, previousFile);
	previous = parseResult(readFileSync(previousFile, 'utf8'));
}
writeFileSync(latest, JSON.stringify(result, null, '\t') + '\n');
// A run in another browser language measured another visitor: its figures are not a before and after.
const previousLocale = previous?.info.locale ?? 'en-US';
if (previous && previousLocale !== options.locale) {
	log('');
	log(`(the previous run had the browser in ${previousLocale}: no comparison)`);
} else if (previous) {
	log('');
	log(`since the previous run (${previous.info.commit.slice(0, 10)}, ${previous.info.date}):`);
	log(formatChanges(changes(previous, result)));
}
log(`(written to ${latest}${previous ? `; the previous run kept as ${previousFile}` : ''})`);
log(`whole run: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
for (const e of errors) console.error(`bench: ${e.group} not measured: ${e.message}`);
if (errors.length > 0) process.exitCode = 1;
