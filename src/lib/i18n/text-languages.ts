/**
 * Bank data in one language. The bank's texts are `{ zh, en }`; a learner reads one of the two, so the
 * drill's files are written once per locale with every text keeping only that locale's language (same
 * shape otherwise: `localText` reads either). A page that switches language adds the other language's
 * texts to the data it holds, in place, so that everything holding those texts sees both.
 */
import type { LocalText } from '$lib/scenarios/schema';
import type { Locale } from './locale.svelte';

/** The key of each locale's language in a text. */
export const TEXT_KEY: Record<Locale, keyof LocalText> = { en: 'en', 'zh-CN': 'zh' };

const TEXT_KEYS: ReadonlySet<string> = new Set(Object.values(TEXT_KEY));

/** A text: an object of one or both languages (`{ zh, en }`, `{ en }`), each a string. */
function isText(value: unknown): value is Partial<LocalText> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const entries = Object.entries(value);
	return (
		entries.length > 0 &&
		entries.every(([key, text]) => TEXT_KEYS.has(key) && typeof text === 'string')
	);
}

/** A copy of `value` in which every text keeps only the language of `locale`. */
export function inLanguage<T>(value: T, locale: Locale): T {
	const key = TEXT_KEY[locale];
	const copy = (v: unknown): unknown => {
		if (isText(v)) return v[key] === undefined ? {} : { [key]: v[key] };
		if (Array.isArray(v)) return v.map(copy);
		if (v !== null && typeof v === 'object')
			return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, copy(item)]));
		return v;
	};
	return copy(value) as T;
}

/** Pairs of texts of `target` and `source` at the same place; false where the two differ otherwise. */
function pairTexts(target: unknown, source: unknown, pairs: [object, object][]): boolean {
	if (isText(target)) return isText(source) && pairs.push([target, source]) > 0;
	if (Array.isArray(target))
		return (
			Array.isArray(source) &&
			source.length === target.length &&
			target.every((item, i) => pairTexts(item, source[i], pairs))
		);
	if (target !== null && typeof target === 'object') {
		if (source === null || typeof source !== 'object' || Array.isArray(source)) return false;
		const keys = Object.keys(target);
		return (
			keys.length === Object.keys(source).length &&
			keys.every(
				(k) =>
					Object.hasOwn(source, k) &&
					pairTexts(
						(target as Record<string, unknown>)[k],
						(source as Record<string, unknown>)[k],
						pairs
					)
			)
		);
	}
	return target === source;
}

/**
 * Adds the languages of `source`'s texts to `target`'s, in place, when the two are the same data but for
 * their texts' languages (the same file of one build in two locales). Otherwise changes nothing and
 * returns false.
 */
export function mergeLanguages(target: unknown, source: unknown): boolean {
	const pairs: [object, object][] = [];
	if (!pairTexts(target, source, pairs)) return false;
	for (const [text, other] of pairs) Object.assign(text, other);
	return true;
}
