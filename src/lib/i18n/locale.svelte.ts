/**
 * The UI language: which locale is active, how it is first chosen, and how a choice is kept.
 *
 * Strategy. Every page is prerendered or served as a language-neutral shell (the root layout turns off
 * server rendering), and the locale is decided on the client before the first component renders. So one
 * set of prerendered files serves both languages: the service worker's precache and offline use stay as
 * they are, with no per-locale URLs to cache twice or to rewrite in links. The order of choice is:
 * 1. the learner's own choice, kept in the settings store (IndexedDB, read asynchronously) and mirrored in
 *    localStorage so the very first render is already in that language;
 * 2. otherwise the browser's preference: Chinese when its first supported language is any `zh` locale;
 * 3. otherwise English.
 *
 * The active locale lives in a rune, and every message reads it (in the build through `byLocale`, see
 * ./by-locale.ts; elsewhere through Paraglide's `getLocale()`), so every message call in a template
 * re-renders when the locale changes: switching keeps a drill, a form or a live session as it is.
 */
import { overwriteGetLocale, type Locale } from '$lib/paraglide/runtime.js';

export type { Locale };

/**
 * The app's locales, the base locale first: the same list as Paraglide's runtime (a unit test holds them
 * together), written here so that the build needs nothing of that runtime.
 */
export const locales = ['en', 'zh-CN'] as const satisfies readonly Locale[];

/** localStorage key of the mirror of the settings' locale (read synchronously at start). */
export const LOCALE_MIRROR_KEY = 'fraud-drill-locale';

/** The `lang` attribute of each locale. */
export const HTML_LANG: Record<Locale, string> = { en: 'en', 'zh-CN': 'zh-CN' };

/** Whether a value is one of the app's locales. */
export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The locale a browser prefers: the first of its languages that the app has decides (any `zh…` tag is
 * Chinese, any `en…` is English); a browser preferring neither gets English.
 */
export function preferredLocale(languages: readonly string[]): Locale {
	for (const tag of languages) {
		const base = tag.toLowerCase().split('-')[0];
		if (base === 'zh') return 'zh-CN';
		if (base === 'en') return 'en';
	}
	return 'en';
}

/**
 * The locale a page starts in: the localStorage mirror of the learner's choice (`key`), when it names one
 * of `known`, else the browser's preference (`preferred`, given the browser's languages). Self-contained,
 * with what it uses passed in: the drill page's HTML runs it too, to fetch the bank's index in that locale
 * before the app's scripts arrive (see `earlyStart` in `$lib/quiz/quick-ahead`).
 */
export function startLocale(
	key: string,
	known: readonly string[],
	preferred: (languages: readonly string[]) => string
): string {
	try {
		const kept = globalThis.localStorage?.getItem(key);
		if (kept && known.includes(kept)) return kept;
	} catch {
		// Storage may be blocked (private mode, sandboxed frames); the browser's preference still applies.
	}
	const nav = globalThis.navigator;
	return preferred(nav?.languages?.length ? nav.languages : [nav?.language ?? '']);
}

/** The browser's preference alone: `startLocale` with no kept choice counted. */
const browserLocale = () => startLocale(LOCALE_MIRROR_KEY, [], preferredLocale) as Locale;

const state = $state<{ locale: Locale }>({
	locale: startLocale(LOCALE_MIRROR_KEY, locales, preferredLocale) as Locale
});

// Paraglide's own message functions (the dev server and the unit tests run them as compiled) ask this for
// the locale; reading the rune makes them reactive. The build's messages read the rune through `byLocale`
// instead, and dropping this call there drops Paraglide's whole locale-resolving runtime with it (about
// 0.8 KB gzip that every page loaded and never ran).
if (import.meta.env.DEV) overwriteGetLocale(() => state.locale);

/** The active locale. Reactive in components and `$derived`. */
export function currentLocale(): Locale {
	return state.locale;
}

/** Puts the document's `lang` in line with the active locale (screen readers, fonts, hyphenation). */
export function syncDocumentLang(): void {
	if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[state.locale];
}

/** Work to finish before the UI language changes; see `beforeLocaleChange`. */
export type LocaleHook = (next: Locale) => Promise<void>;

/**
 * A hook's failure that its page already puts into words (a notice with a retry of its own, as the drill's
 * for its scenario files): the switch adds nothing to it.
 */
export class ShownSwitchFailure extends Error {}

/**
 * How a switch of language ended: done; the language kept because a hook failed, said by the page
 * (`failed-shown`, see ShownSwitchFailure) or not (`failed`: the switch says so itself); or a later switch
 * came first.
 */
export type SwitchOutcome = 'switched' | 'failed' | 'failed-shown' | 'overtaken';

// Not reactive: read only when a switch starts.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const hooks = new Set<LocaleHook>();

/**
 * Registers work that must be done before the UI language changes to another (a page holding texts in
 * one language fetches the other's), so that no text of the old language shows under the new UI. A hook
 * that rejects keeps the language as it is. Returns its removal.
 */
export function beforeLocaleChange(hook: LocaleHook): () => void {
	hooks.add(hook);
	return () => hooks.delete(hook);
}

let switches = 0;

/** Makes `locale` the active one once every hook has done its work: at once when there is none. */
async function switchTo(locale: Locale): Promise<SwitchOutcome> {
	const ticket = ++switches;
	if (locale !== state.locale && hooks.size > 0) {
		const done = await Promise.allSettled([...hooks].map((hook) => hook(locale)));
		const failed = done.filter((d) => d.status === 'rejected');
		if (failed.length > 0)
			return failed.some((d) => d.reason instanceof ShownSwitchFailure) ? 'failed-shown' : 'failed';
		if (ticket !== switches) return 'overtaken';
	}
	state.locale = locale;
	syncDocumentLang();
	return 'switched';
}

/**
 * Switches the UI language, at once or once the hooks registered with `beforeLocaleChange` are done, and
 * says how it ended. `remember` keeps the choice: in the settings store (the source of truth) and in the
 * localStorage mirror. Storage failures only cost the memory of the choice, never the switch.
 */
export async function changeLocale(locale: Locale, remember = true): Promise<SwitchOutcome> {
	const outcome = await switchTo(locale);
	if (outcome !== 'switched' || !remember) return outcome;
	try {
		globalThis.localStorage?.setItem(LOCALE_MIRROR_KEY, locale);
	} catch {
		// Blocked storage: the settings store below may still work.
	}
	try {
		const { updateSettings } = await import('$lib/progress/settings');
		await updateSettings({ locale });
	} catch {
		// No IndexedDB here (private mode): the language still changed for this visit.
	}
	return outcome;
}

/**
 * Applies the choice kept in the settings store, once it has been read: a choice made on this device
 * wins over the browser's preference and refreshes the localStorage mirror. No choice kept: the mirror is
 * cleared so the browser's preference applies (e.g. after "Reset progress").
 */
export function applyStoredLocale(stored: Locale | null): void {
	try {
		if (stored) globalThis.localStorage?.setItem(LOCALE_MIRROR_KEY, stored);
		else globalThis.localStorage?.removeItem(LOCALE_MIRROR_KEY);
	} catch {
		// Blocked storage: nothing to mirror.
	}
	const next = stored ?? browserLocale();
	if (next !== state.locale) void switchTo(next);
	else syncDocumentLang();
}
