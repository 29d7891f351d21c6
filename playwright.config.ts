import { defineConfig, devices } from '@playwright/test';
import { DISABLED_FEATURES } from './tests/e2e/chromium-features';

/**
 * Browser tests run against the built app (`node build`) in Debian's Chromium; no browser is downloaded.
 * E2E_PORT and E2E_DATA (the app's live-room folder) let a second run go beside this one with a server of
 * its own (`npm test` runs the browser tests as two such runs, see scripts/test.sh).
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DATA = process.env.E2E_DATA ?? 'data/e2e';

/**
 * The browser learners use: Debian's Chromium (`/usr/bin/chromium`), not its headless shell. The shell opens
 * pages faster, but it is a different build of the browser's shell, and the tests are there to say what
 * Chromium itself does with the built app.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? [['list']] : [['list']],
	// A condition retried with toPass is looked at again soon: the first retry comes after 25 ms, not 100.
	expect: { toPass: { intervals: [25, 50, 100, 250, 500, 1000] } },
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		// The app follows the browser's language; these tests read English. The Chinese walk-through sets
		// its own locale (zh-CN) per test.
		locale: 'en-US',
		// A page with the service worker installs it and precaches the whole build, again in every test: a
		// third of the browser tests' time. The specs that test the worker (offline.spec.ts,
		// present.spec.ts) allow it; the others test the pages, as a first visit sees them.
		serviceWorkers: 'block',
		// One browser context and page for a worker's tests, reset between them, instead of a new context per
		// test: a context, its renderer and a cold first load cost each test about 1.4 CPU s before it did
		// anything. Playwright clears cookies, the HTTP cache, local, session and IndexedDB storage and service
		// workers, and puts the page on about:blank; the rest (all the app's address keeps, the network state)
		// is cleared before each test by the `firstVisit` fixture (tests/e2e/fixtures.ts). A test whose options
		// differ (another locale, the service worker allowed) gets a context of its own, as before.
		reuseContext: true,
		// Script lines arrive with a short animation, and Playwright waits for an element to stop moving
		// before it clicks: with reduced motion (the app's own setting for it) nothing waits on it.
		reducedMotion: 'reduce',
		trace: 'off',
		screenshot: 'off',
		video: 'off',
		launchOptions: {
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				// Playwright's features turned off, and the address bar's popups, which Chromium builds as pages
				// of their own in every window although a headless browser never shows them (see the module).
				`--disable-features=${DISABLED_FEATURES.join(',')}`
			]
		}
	},
	projects: [
		{
			name: 'desktop',
			use: { ...devices['Desktop Chrome'] },
			testIgnore: /.*\.phone\.spec\.ts/
		},
		{
			name: 'phone',
			use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
			testMatch: /.*\.phone\.spec\.ts/
		}
	],
	webServer: {
		command: 'node build',
		url: `http://127.0.0.1:${PORT}/`,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			// Live rooms of browser tests go to their own ignored folder, and every page of a session comes from
			// 127.0.0.1, so the per-address limits are raised for them.
			FRAUD_DRILL_DATA: DATA,
			FRAUD_DRILL_JOIN_LIMIT: '1000',
			FRAUD_DRILL_CREATE_LIMIT: '1000'
		},
		reuseExistingServer: false,
		timeout: 60_000
	}
});
