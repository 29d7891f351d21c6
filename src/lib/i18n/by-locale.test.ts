/**
 * The build's message switch (`byLocale`, see scripts/compact-messages.ts and scripts/text-tables.ts):
 * with both texts in the message, and with its texts in a table fetched per locale, where a switch of
 * language fetches the next locale's texts before the UI changes, and keeps the language when it cannot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { byLocale, type TextTable } from './by-locale';
import { changeLocale, currentLocale } from './locale.svelte';

afterEach(async () => {
	await changeLocale('en', false);
});

/** A table whose files answer from `texts`, counting the fetches; `fail` makes them fail while set. */
function tableOf(texts: Record<string, ((i: { n?: number }) => string)[]>) {
	const fetched: string[] = [];
	const state = { fail: false };
	const table: TextTable = {
		load: Object.fromEntries(
			Object.entries(texts).map(([locale, list]) => [
				locale,
				async () => {
					if (state.fail) throw new TypeError('Failed to fetch');
					fetched.push(locale);
					return { default: list };
				}
			])
		)
	};
	return { table, fetched, state };
}

describe('byLocale', () => {
	it('with both texts: the active locale picks, and a locale given in the options wins', async () => {
		const hello = byLocale<{ name?: string }>(
			(i) => `Hello ${i.name}`,
			(i) => `你好 ${i.name}`
		);
		expect(hello({ name: 'Li' })).toBe('Hello Li');
		expect(hello({ name: 'Li' }, { locale: 'zh-CN' })).toBe('你好 Li');
		await changeLocale('zh-CN', false);
		expect(hello({ name: 'Li' })).toBe('你好 Li');
	});

	it("with a table: the active locale's texts are fetched once, before the file goes on; the other's only on a switch, which waits for them", async () => {
		const { table, fetched } = tableOf({
			en: [() => 'Quick 10', (i) => `${i.n} questions`],
			'zh-CN': [() => '快速 10 题', (i) => `${i.n} 题`]
		});
		const quick = byLocale(0, table);
		const count = byLocale<{ n?: number }>(1, table);
		await table.ready;
		expect(fetched).toEqual(['en']);
		expect(quick()).toBe('Quick 10');
		expect(count({ n: 3 })).toBe('3 questions');
		const switched = changeLocale('zh-CN', false);
		// Until the Chinese texts are in, the page stays English.
		expect(currentLocale()).toBe('en');
		expect(await switched).toBe('switched');
		expect(fetched).toEqual(['en', 'zh-CN']);
		expect(quick()).toBe('快速 10 题');
		expect(count({ n: 3 })).toBe('3 题');
		// Back and forth again: nothing fetched twice.
		await changeLocale('en', false);
		await changeLocale('zh-CN', false);
		expect(fetched).toEqual(['en', 'zh-CN']);
	});

	it('a switch whose texts cannot be fetched keeps the language, and a later one fetches them', async () => {
		const { table, fetched, state } = tableOf({ en: [() => 'Pause'], 'zh-CN': [() => '暂停'] });
		const pause = byLocale(0, table);
		await table.ready;
		state.fail = true;
		expect(await changeLocale('zh-CN', false)).toBe('failed');
		expect(currentLocale()).toBe('en');
		expect(pause()).toBe('Pause');
		state.fail = false;
		expect(await changeLocale('zh-CN', false)).toBe('switched');
		expect(pause()).toBe('暂停');
		expect(fetched).toEqual(['en', 'zh-CN']);
	});

	it('a message asked for before its texts are in says so (code running as its file loads)', async () => {
		const { table } = tableOf({ en: [() => 'Pause'], 'zh-CN': [() => '暂停'] });
		const pause = byLocale(0, table);
		expect(() => pause()).toThrow('UI text 0 asked for before');
		await table.ready;
		expect(pause()).toBe('Pause');
		// Nor in a locale whose texts are not in yet.
		expect(() => pause(undefined, { locale: 'zh-CN' })).toThrow('UI text 0 asked for before');
	});
});
