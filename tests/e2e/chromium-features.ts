/**
 * The Chromium features the browser tests turn off, given to Chromium as one `--disable-features` switch
 * (playwright.config.ts). Chromium reads only the last such switch on its command line, and Playwright
 * already gives one of its own, so this one restates Playwright's list and adds to it.
 */

/**
 * Playwright's own list (playwright-core's chromiumSwitches), which its switch would otherwise carry.
 * tests/unit/chromium-features.test.ts fails when an upgrade of Playwright adds a feature not listed here.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
	'AvoidUnnecessaryBeforeUnloadCheckSync',
	'DestroyProfileOnBrowserClose',
	'HttpsUpgrades',
	'HttpsFirstBalancedModeAutoEnable',
	'LensOverlay',
	'MediaRouter',
	'PaintHolding',
	'ThirdPartyStoragePartitioning',
	'AvoidCorsURLLoaderRestartOnRedirect',
	'TcpPortRandomizationWin',
	'OptimizationHints',
	'NetworkTimeServiceQuerying',
	'AimEnabled',
	'PreconnectToSearch',
	'msForceBrowserSignIn',
	'msEdgeUpdateLaunchServicesPreferredVersion'
] as const;

/**
 * The address bar's suggestion popups, which Chromium builds as web pages of their own (chrome://
 * omnibox-popup.top-chrome) with a renderer each, two for every window, even in a headless browser that
 * never shows an address bar: about 0.4 CPU s for each browser context a test opens, and more the longer
 * the window stays open. The pages under test are not touched by them.
 */
export const ADDRESS_BAR_POPUPS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'] as const;

/** Every feature the browser tests turn off: Playwright's and the address bar's popups. */
export const DISABLED_FEATURES: readonly string[] = [
	...PLAYWRIGHT_DISABLED_FEATURES,
	...ADDRESS_BAR_POPUPS
];
