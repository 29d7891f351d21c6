/**
 * Run before every unit test file. The unit tests share one module registry per worker (`isolate: false`
 * in vite.config.ts: loading the app's modules once per worker instead of once per file is most of what
 * the unit tests cost), so what one file leaves behind in a module or a global must not reach the next:
 * each file starts with every progress store empty, the UI in English and nothing mocked or faked.
 */
import { beforeAll, vi } from 'vitest';
import { changeLocale } from '$lib/i18n/locale.svelte';
import type { StoreName } from '$lib/progress/db';

const STORES: Record<StoreName, true> = {
	quiz: true,
	attempts: true,
	settings: true,
	quarantine: true,
	review: true
};

beforeAll(async () => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
	vi.unstubAllEnvs();
	// The locale lives in a module (and in Paraglide's runtime through it): a file that switched to Chinese
	// would otherwise leave the next file's messages in Chinese.
	await changeLocale('en', false);
	// IndexedDB exists only once a file loaded fake-indexeddb; its databases then live for the worker, and
	// the stores opened through them are cached by `$lib/progress/db`.
	if ('indexedDB' in globalThis) {
		const { store } = await import('$lib/progress/db');
		for (const name of Object.keys(STORES) as StoreName[]) await (await store(name)).clear();
	}
	globalThis.localStorage?.clear();
});
