/**
 * Lists joined with the locale's own messages: the same words, commas and conjunctions as the browser's
 * Intl.ListFormat (long conjunction) gives for English and Simplified Chinese, without its start-up cost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { changeLocale, formatList, type Locale } from '$lib/i18n';

afterEach(async () => {
	await changeLocale('en', false);
});

const lists: (string | number)[][] = [
	[],
	[3],
	[2, 5],
	[1, 2, 3],
	[1, 4, 6, 9],
	['支付宝', '微信', '银行卡', 'QQ', '短信']
];

describe('formatList', () => {
	for (const locale of ['en', 'zh-CN'] as Locale[])
		it(`joins as Intl.ListFormat does in ${locale}`, async () => {
			await changeLocale(locale, false);
			const intl = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
			for (const list of lists) expect(formatList(list)).toBe(intl.format(list.map(String)));
		});

	it('words the lists a learner reads', async () => {
		expect(formatList([2, 4, 5])).toBe('2, 4, and 5');
		expect(formatList(['scam', 'legitimate'])).toBe('scam and legitimate');
		await changeLocale('zh-CN', false);
		expect(formatList([2, 4, 5])).toBe('2、4和5');
	});
});
