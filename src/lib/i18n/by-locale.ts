/**
 * The locale switch of every UI message in the browser build (see scripts/compact-messages.ts): one
 * function shared by all messages instead of one compiled into each, so that a message's code in the
 * build is little more than its two texts. It reads the app's own locale (./locale.svelte.ts), not
 * Paraglide's `getLocale`, so the build holds none of Paraglide's locale-resolving runtime.
 */
import { currentLocale } from './locale.svelte';

/** The texts of one message: English (the base locale, also for any other locale) and Chinese. */
type Text<I> = (inputs: I) => string;

/**
 * A message that picks its text by locale as Paraglide's own compiled messages do: the locale given in
 * `options`, else the active one (reactive, as `currentLocale` is).
 */
export function byLocale<I>(en: Text<I>, zh: Text<I>) {
	return (inputs: I = {} as I, options: { locale?: string } = {}): string =>
		((options.locale ?? currentLocale()) === 'zh-CN' ? zh : en)(inputs);
}
