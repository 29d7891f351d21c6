/**
 * The two message files must stay twins: the same keys and, for each key, the same parameters (a
 * translation that drops `{n}` or invents `{count}` would show a raw placeholder or nothing).
 */
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import zh from './messages/zh-CN.json';
import { preferredLocale } from './locale.svelte';

type Messages = Record<string, unknown>;

/**
 * The `{name}` placeholders a message shows, in any of its variants. (An English plural also declares
 * its count as a selector input; Chinese has no plural forms, so only shown placeholders must match.)
 */
function parameters(message: unknown): string[] {
	const text = JSON.stringify(message);
	return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

function keys(messages: Messages): string[] {
	return Object.keys(messages)
		.filter((k) => k !== '$schema')
		.sort();
}

describe('message files', () => {
	it('have the same keys in English and Chinese', () => {
		expect(keys(zh as Messages)).toEqual(keys(en as Messages));
		expect(keys(en as Messages).length).toBeGreaterThan(300);
	});

	it('use the same parameters in both languages, key by key', () => {
		const differ = keys(en as Messages).filter(
			(k) =>
				JSON.stringify(parameters((en as Messages)[k])) !==
				JSON.stringify(parameters((zh as Messages)[k]))
		);
		expect(differ).toEqual([]);
	});

	it('have no empty message, and Chinese messages are written in Chinese', () => {
		const latinOnly = keys(zh as Messages).filter((k) => {
			const text = JSON.stringify((zh as Messages)[k]);
			// Endonyms and formats are the same in both languages.
			return (
				!/[\u4e00-\u9fff]/.test(text) && !['lang_en', 'ui_label', 'quiz_listMiddle'].includes(k)
			);
		});
		expect(latinOnly).toEqual([]);
		for (const messages of [en, zh] as Messages[])
			for (const k of keys(messages))
				expect(JSON.stringify(messages[k]).length, k).toBeGreaterThan(2);
	});
});

describe('preferredLocale', () => {
	it('is Chinese when the first language the app has is any zh locale', () => {
		for (const tag of ['zh-CN', 'zh', 'zh-TW', 'zh-Hant-HK', 'ZH-sg'])
			expect(preferredLocale([tag]), tag).toBe('zh-CN');
		expect(preferredLocale(['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
	});

	it('is English for English first, for languages the app does not have, and for none', () => {
		expect(preferredLocale(['en-US', 'zh-CN'])).toBe('en');
		expect(preferredLocale(['fr-FR', 'de'])).toBe('en');
		expect(preferredLocale([])).toBe('en');
	});
});
