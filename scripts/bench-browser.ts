/**
 * Chromium side of `npm run bench`: servers for the built app and the floor, browser contexts with the
 * CPU and network profiles, and an in-page probe that times what a learner sees.
 *
 * Every time is taken inside the page, on the page's own clock (performance.now(), event.timeStamp), so
 * that the round trips between this script and the browser never count. A moment "shown" is the first
 * frame after the element is in the DOM: a requestAnimationFrame callback, then a message-channel task,
 * which runs after that frame has been painted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type CDPSession,
	type Page
} from '@playwright/test';

/** A CPU and network profile applied through the Chrome DevTools Protocol. */
export interface Profile {
	name: string;
	/** CPU slowdown (Emulation.setCPUThrottlingRate): 1 is none, 4 a cheap phone. */
	cpu: number;
	/** Network.emulateNetworkConditions, or none. */
	network: { latencyMs: number; downKbps: number; upKbps: number } | null;
}

export const FAST: Profile = { name: '1×', cpu: 1, network: null };
export const SLOW_CPU: Profile = { name: '4×', cpu: 4, network: null };
/** CPU 4× slower, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (the slow phone on slow 3G). */
export const SLOW_PHONE: Profile = {
	name: '4× + slow network',
	cpu: 4,
	network: { latencyMs: 150, downKbps: 1600, upKbps: 750 }
};

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
		});
	});
}

/** A built adapter-node server (the app's `build/` or the floor's) on a free port of 127.0.0.1. */
export interface Server {
	base: string;
	stop(): void;
}

export async function startServer(
	buildDir: string,
	env: Record<string, string> = {}
): Promise<Server> {
	const port = await freePort();
	const child: ChildProcess = spawn(process.execPath, [buildDir], {
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: 'ignore'
	});
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(base)).status < 500) return { base, stop: () => child.kill() };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error(`server of ${buildDir} did not start on ${base}`);
}

export async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic']
	});
}

/** What the in-page probe watches for. */
export interface ProbeConfig {
	/** Elements clicked as soon as they are in the DOM and enabled, each element once, in this order. */
	clicks: string[];
	/** Named moments: when each selector first matches, and the frame after it is painted. */
	marks: Record<string, string>;
	/** Time each Enter pressed on the asking screen until the feedback screen is painted. */
	feedback: boolean;
}

/** What the probe has recorded so far (window.__fdBench). */
export interface ProbeState {
	long: { start: number; duration: number }[];
	dom: Record<string, number>;
	marks: Record<string, number>;
	feedback: number[];
	/**
	 * The browser's own Event Timing duration of each answering Enter (key event → the next frame painted
	 * after its handlers, in 8 ms steps); 8 where the browser reported none (it reports from 16 ms), NaN
	 * where the feedback was not yet in the page when that frame was drawn (the duration would miss it).
	 */
	keyPaint: number[];
	/** When each click rule first clicked (ms since navigation start). */
	clicked: Record<string, number>;
}

/**
 * Runs in the page before any of its scripts (addInitScript): records long tasks from the start, clicks
 * through the configured steps, and records when marks and feedback are painted.
 */
function probe(config: ProbeConfig): void {
	const state: ProbeState & { pending: number | null } = {
		long: [],
		dom: {},
		marks: {},
		feedback: [],
		keyPaint: [],
		clicked: {},
		pending: null
	};
	// Answering Enters: the key's time, whether a frame has begun since, and whether the feedback was in
	// the page before it began (then the Event Timing duration of the key ends at the feedback's paint).
	const keys: { t: number; framed: boolean; shown: boolean }[] = [];
	const keyDurations: { t: number; d: number }[] = [];
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				if (e.name === 'keydown') keyDurations.push({ t: e.startTime, d: e.duration });
		}).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
	} catch {
		// no Event Timing in this browser: every key reads as NaN and the bench says so
	}
	Object.defineProperty(state, 'keyPaint', {
		enumerable: true,
		get: () =>
			keys.map((k) =>
				k.shown ? (keyDurations.find((e) => Math.abs(e.t - k.t) < 1)?.d ?? 8) : Number.NaN
			)
	});
	(window as unknown as { __fdBench: typeof state }).__fdBench = state;
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				state.long.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// no long task timing in this browser: the list stays empty and the bench says so
	}
	// After the next frame is painted: rAF runs before paint, a message posted from it runs after.
	const afterPaint = (then: (t: number) => void) =>
		requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = () => then(performance.now());
			channel.port2.postMessage(0);
		});
	const clicked = new WeakSet<Element>();
	const check = () => {
		for (const [name, selector] of Object.entries(config.marks)) {
			if (name in state.dom || !document.querySelector(selector)) continue;
			state.dom[name] = performance.now();
			afterPaint((t) => {
				state.marks[name] = t;
				// Tells the bench (see waitForMark), which waits on this instead of looking into the page.
				(window as unknown as { __fdBenchMark?: (n: string, t: number) => void }).__fdBenchMark?.(
					name,
					t
				);
			});
		}
		if (
			config.feedback &&
			state.pending !== null &&
			document.querySelector('[data-screen=feedback]')
		) {
			const t0 = state.pending;
			state.pending = null;
			const key = keys.at(-1);
			if (key && key.t === t0 && !key.framed) key.shown = true;
			afterPaint((t) => {
				state.feedback.push(t - t0);
				// Tells the bench (see feedbackCounter), which waits on this instead of looking into the page.
				(window as unknown as { __fdBenchFeedback?: () => void }).__fdBenchFeedback?.();
			});
		}
		for (const selector of config.clicks) {
			const el = document.querySelector(selector);
			if (!(el instanceof HTMLElement) || clicked.has(el)) continue;
			if (el instanceof HTMLButtonElement && el.disabled) continue;
			clicked.add(el);
			state.clicked[selector] ??= performance.now();
			el.click();
		}
	};
	// Capture phase, so the time is the key press's own, before the app handles it.
	addEventListener(
		'keydown',
		(e) => {
			if (e.key === 'Enter' && !e.shiftKey && document.querySelector('[data-screen=asking]')) {
				state.pending = e.timeStamp;
				const key = { t: e.timeStamp, framed: false, shown: false };
				keys.push(key);
				requestAnimationFrame(() => (key.framed = true));
			}
		},
		true
	);
	new MutationObserver(check).observe(document, {
		subtree: true,
		childList: true,
		attributes: true
	});
}

/** Uncaught errors of every bench page, so that a page that never shows its mark can say why. */
export const pageErrors: string[] = [];

/** A page in a fresh context (cold cache, empty storage) with the service worker blocked and gzip asked for. */
export interface BenchPage {
	context: BrowserContext;
	page: Page;
	cdp: CDPSession;
	close(): Promise<void>;
}

/** The language every bench page's browser has (see `useLocale`). */
let locale = 'en-US';

/** Sets the browser's language for the pages opened from now on (`--locale`). */
export function useLocale(tag: string): void {
	locale = tag;
}

/** A page in its own fresh context, with the probe installed and `profile`'s CPU and network applied. */
export async function openPage(
	browser: Browser,
	profile: Profile,
	config: ProbeConfig
): Promise<BenchPage> {
	const context = await browser.newContext({
		serviceWorkers: 'block',
		locale,
		// What the issue quotes: gzip transfer (Chromium would otherwise also offer brotli and zstd).
		extraHTTPHeaders: { 'Accept-Encoding': 'gzip' },
		viewport: { width: 412, height: 823 }
	});
	const page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
	// tsx keeps function names with a `__name` helper that exists only in Node; give the page a no-op one.
	await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
	await page.addInitScript(probe, config);
	await watchMarks(page);
	const cdp = await context.newCDPSession(page);
	await applyProfile(cdp, profile);
	return { context, page, cdp, close: () => context.close() };
}

/** The marks the probe has reported painted in a bench page, and what waits for one (see waitForMark). */
interface MarkWatch {
	marks: Map<string, number>;
	waiting: Map<string, ((t: number) => void)[]>;
}
const markWatches = new WeakMap<Page, MarkWatch>();

/** Has the probe report each mark to the bench as it is painted (before the page is opened). */
async function watchMarks(page: Page): Promise<void> {
	const watch: MarkWatch = { marks: new Map(), waiting: new Map() };
	markWatches.set(page, watch);
	// A page opened again (the history pages are, once per run) starts with none painted.
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame()) watch.marks.clear();
	});
	await page.exposeFunction('__fdBenchMark', (name: string, t: number) => {
		watch.marks.set(name, t);
		for (const resolve of watch.waiting.get(name) ?? []) resolve(t);
		watch.waiting.delete(name);
	});
}

export async function applyProfile(cdp: CDPSession, profile: Profile): Promise<void> {
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
	await cdp.send('Network.enable');
	await cdp.send(
		'Network.emulateNetworkConditions',
		profile.network
			? {
					offline: false,
					latency: profile.network.latencyMs,
					downloadThroughput: (profile.network.downKbps * 1000) / 8,
					uploadThroughput: (profile.network.upKbps * 1000) / 8
				}
			: { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
	);
}

export async function probeState(page: Page): Promise<ProbeState> {
	return page.evaluate(() => {
		const s = (window as unknown as { __fdBench: ProbeState }).__fdBench;
		return {
			long: s.long,
			dom: s.dom,
			marks: s.marks,
			feedback: s.feedback,
			keyPaint: s.keyPaint,
			clicked: s.clicked
		};
	});
}

/**
 * Counts the feedback screens the probe has seen painted after an answering Enter, as the probe reports
 * them, so that the bench can wait for one without looking into the page. Playwright's own waiting
 * (`locator.waitFor()`) runs its selector engine and a visibility check in the page from the moment the
 * key is pressed: script tasks and a forced style and layout update of the page's main thread, in the very
 * frame being timed. A phone has no such guest; this keeps it out of both the app's and the floor's figures.
 */
export async function feedbackCounter(page: Page): Promise<FeedbackCounter> {
	let count = 0;
	/** The bench's one waiting `after`, checked on each report. */
	let wake: (() => void) | null = null;
	await page.exposeFunction('__fdBenchFeedback', () => {
		count++;
		wake?.();
	});
	return {
		get count() {
			return count;
		},
		after: (seen) =>
			new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					wake = null;
					reject(new Error('no feedback painted within 60 s of the answer'));
				}, 60_000);
				wake = () => {
					if (count <= seen) return;
					clearTimeout(timer);
					wake = null;
					resolve();
				};
				wake();
			})
	};
}

/** The feedback screens painted so far (see feedbackCounter). */
export interface FeedbackCounter {
	readonly count: number;
	/** Resolves once more than `seen` have been painted (take `count` before the key is pressed). */
	after(seen: number): Promise<void>;
}

/**
 * Waits until the probe has painted a mark, and returns its time since navigation start. On the probe's
 * word (see watchMarks), not by looking into the page: Playwright's waitForFunction first puts its own
 * script into the page (about 330 KB, compiled on the page's main thread: about 100 ms at 4x CPU under
 * trace) and then polls, all while the page being timed is still loading.
 */
export async function waitForMark(page: Page, name: string, timeoutMs = 60_000): Promise<number> {
	const watch = markWatches.get(page);
	if (!watch) throw new Error('waitForMark: the page was not opened by openPage');
	const seen = watch.marks.get(name);
	if (seen !== undefined) return seen;
	return new Promise<number>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`mark ${name} not painted within ${timeoutMs / 1000} s`)),
			timeoutMs
		);
		const waiting = watch.waiting.get(name) ?? [];
		waiting.push((t) => {
			clearTimeout(timer);
			resolve(t);
		});
		watch.waiting.set(name, waiting);
	});
}

/** One resource (or the page itself) as Resource Timing saw it. */
export interface Loaded {
	url: string;
	type: string;
	start: number;
	/** Body bytes as sent (gzip when compressed). */
	encoded: number;
	/** Bytes on the wire, headers included. */
	transfer: number;
	decoded: number;
}

/** The page and every resource it started loading at or before `until` (ms since navigation start). */
export async function loadedBefore(page: Page, until: number): Promise<Loaded[]> {
	return page.evaluate((t) => {
		const nav = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
		const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
		return [...nav, ...res]
			.filter((e) => e.startTime <= t)
			.map((e) => ({
				url: e.name,
				type: e.initiatorType,
				start: e.startTime,
				encoded: e.encodedBodySize,
				transfer: e.transferSize,
				decoded: e.decodedBodySize
			}));
	}, until);
}

export const isJs = (l: Loaded) =>
	/\.m?js(\?|$)/.test(new URL(l.url).pathname + new URL(l.url).search);

/**
 * Reads every record of an IndexedDB object store in the page and returns the time it took: the least any
 * page that shows this history has to do.
 */
export async function rawGetAll(page: Page, db: string, storeName: string): Promise<number> {
	return page.evaluate(
		({ db, storeName }) =>
			new Promise<number>((resolve, reject) => {
				const start = performance.now();
				const open = indexedDB.open(db);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction(storeName).objectStore(storeName).getAll();
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						const n = (req.result as unknown[]).length;
						open.result.close();
						resolve(n > 0 ? performance.now() - start : NaN);
					};
				};
			}),
		{ db, storeName }
	);
}

/** Writes records into an IndexedDB store the way localforage keeps them (value under its key). */
export async function seedStore(
	page: Page,
	db: string,
	storeName: string,
	records: { id: string }[]
): Promise<void> {
	await page.evaluate(
		({ db, storeName, records }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open(db);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(storeName, 'readwrite');
					for (const r of records) tx.objectStore(storeName).put(r, r.id);
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ db, storeName, records }
	);
}
