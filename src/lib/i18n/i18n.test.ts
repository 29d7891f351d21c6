/**
 * The i18n helpers: scenario texts in the active locale (with a fallback while a text lacks one
 * language), codes worded in each language, sorting by the locale's own order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { changeLocale, compareText, localText, m, messageNumbers } from '$lib/i18n';
import { liveErrorText, playerName } from '$lib/i18n/live';
import {
	beforeLocaleChange,
	currentLocale,
	locales,
	ShownSwitchFailure
} from '$lib/i18n/locale.svelte';
import { setAsideReasonText } from '$lib/i18n/reasons';
import { importRefusalText } from '$lib/i18n/transfer';
import { anonymousName, anonymousNumber } from '$lib/live/protocol';
import { reasonCode } from '$lib/progress/reasons';
import { locales as paraglideLocales } from '$lib/paraglide/runtime.js';

afterEach(async () => {
	await changeLocale('en', false);
});

describe('localText', () => {
	it('picks the active language, and the other one when a text lacks it', async () => {
		const text = { zh: '积分清零', en: 'points expire' };
		expect(localText(text)).toBe('points expire');
		await changeLocale('zh-CN', false);
		expect(localText(text)).toBe('积分清零');
		expect(localText({ en: 'only English' })).toBe('only English');
		await changeLocale('en', false);
		expect(localText({ zh: '只有中文' })).toBe('只有中文');
		expect(localText(undefined)).toBe('');
	});
});

describe('a switch of language', () => {
	it('says how it ended: done, kept by a failure its page shows or one it does not, or overtaken', async () => {
		const failures: (Error | null)[] = [new ShownSwitchFailure('network'), new TypeError('fetch')];
		let next: Error | null = null;
		const shown = beforeLocaleChange(async () => {
			if (next) throw next;
		});
		try {
			next = failures[0]!;
			expect(await changeLocale('zh-CN', false)).toBe('failed-shown');
			next = failures[1]!;
			expect(await changeLocale('zh-CN', false)).toBe('failed');
			expect(currentLocale()).toBe('en');
			next = null;
			// Two switches in a row: the first is overtaken, the second done.
			const first = changeLocale('zh-CN', false);
			const second = changeLocale('en', false);
			expect(await first).toBe('overtaken');
			expect(await second).toBe('switched');
			expect(currentLocale()).toBe('en');
			expect(await changeLocale('zh-CN', false)).toBe('switched');
			expect(currentLocale()).toBe('zh-CN');
		} finally {
			shown();
		}
	});
});

describe('locales', () => {
	it("are Paraglide's, in its order (the base locale first)", () => {
		expect(locales).toEqual(paraglideLocales);
	});
});

describe('messages follow the active locale', () => {
	it('words plurals in English and numbers in Chinese', async () => {
		expect(m.live_players({ n: 1 })).toBe('1 player');
		expect(m.live_players({ n: 3 })).toBe('3 players');
		expect(messageNumbers([2, 4, 5])).toBe('messages 2, 4, and 5');
		await changeLocale('zh-CN', false);
		expect(m.live_players({ n: 3 })).toBe('3 人');
		expect(messageNumbers([2, 4, 5])).toBe('第 2、4和5 条消息');
	});

	it('words codes from storage, import and the live server in each language', async () => {
		const reason = reasonCode('settings-newer', '9');
		expect(setAsideReasonText(reason)).toBe('settings from a newer version (v9)');
		expect(importRefusalText({ code: 'not-json' })).toBe('the file is not valid JSON');
		expect(liveErrorText('nickname-invalid', 'too-long')).toBe(
			'A nickname can have at most 24 characters.'
		);
		// A reason stored by an earlier version (plain English) is still shown.
		expect(setAsideReasonText('damaged settings (scriptPace)')).toContain('damaged settings');
		await changeLocale('zh-CN', false);
		expect(setAsideReasonText(reason)).toBe('来自更新版本的设置（v9）');
		expect(
			importRefusalText({ code: 'too-large', bytes: 11 * 1024 * 1024, limit: 10 * 1024 * 1024 })
		).toMatch(/^文件太大/);
		expect(liveErrorText('room-not-found')).toContain('房间码');
		expect(liveErrorText('something-new')).toBe('出了点问题。');
	});

	it('sorts titles in the order of the active language', async () => {
		const titles = ['中国移动', '安全', '博彩'];
		await changeLocale('zh-CN', false);
		// Pinyin order: an (安), bo (博), zhong (中).
		expect([...titles].sort(compareText)).toEqual(['安全', '博彩', '中国移动']);
		await changeLocale('en', false);
		expect(['beta', 'Alpha', 'gamma'].sort(compareText)).toEqual(['Alpha', 'beta', 'gamma']);
	});
});

describe('anonymous players', () => {
	it('are numbers on the wire and words on screen, in the reader language', async () => {
		expect(anonymousName(3)).toBe('#3');
		expect(anonymousNumber('#3')).toBe(3);
		expect(anonymousNumber('Ana')).toBeNull();
		await changeLocale('en', false);
		expect(playerName('#3')).toBe('Player 3');
		expect(playerName('Ana')).toBe('Ana');
		await changeLocale('zh-CN', false);
		expect(playerName('#3')).toBe('玩家 3');
	});
});
