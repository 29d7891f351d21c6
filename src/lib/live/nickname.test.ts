import { describe, expect, it } from 'vitest';
import { checkNickname, nicknameKey } from './nickname';

const keyOf = (name: string) => {
	const r = checkNickname(name);
	if (!r.ok) throw new Error(`${JSON.stringify(name)} refused: ${r.problem}`);
	return r.key;
};

describe('nicknames that would show blank or fool the projector', () => {
	it('refuses names made only of invisible characters', () => {
		for (const bad of [
			'\u200b',
			'\u2060',
			'\u00ad',
			'\u2063',
			'\u200b\u2060\u00ad\u2063',
			'\u3164'
		])
			expect(checkNickname(bad)).toMatchObject({ ok: false, problem: 'invisible-character' });
	});

	it('refuses a visible name with an invisible character in it', () => {
		for (const bad of [
			'Ana\u200b',
			'\u2060Ana',
			'A\u00adna',
			'An\u2063a',
			'Ana\ufeffx',
			'Ana\u180e'
		])
			expect(checkNickname(bad)).toMatchObject({ ok: false, problem: 'invisible-character' });
	});

	it('refuses unpaired surrogates, alone or inside a name', () => {
		for (const bad of ['\ud800', 'Ana\udc00', '\udfff\ud83d', 'x\ud83d'])
			expect(checkNickname(bad)).toMatchObject({ ok: false, problem: 'broken-text' });
		// A paired surrogate is just an emoji.
		expect(checkNickname('\ud83d\udc1f')).toMatchObject({ ok: true, nickname: '🐟' });
	});

	it('refuses names with nothing visible: lone joiners, marks, blank symbols', () => {
		expect(checkNickname('\u200d')).toMatchObject({ ok: false, problem: 'nothing-visible' });
		expect(checkNickname('\u0301\u0301')).toMatchObject({ ok: false, problem: 'nothing-visible' });
		expect(checkNickname('\u2800')).toMatchObject({ ok: false, problem: 'invisible-character' });
	});

	it('keeps the joiners and selectors real names and emoji need', () => {
		expect(checkNickname('👩‍👩‍👧').ok).toBe(true);
		expect(checkNickname('❤️').ok).toBe(true);
		expect(checkNickname('می‌خواهم').ok).toBe(true);
		expect(checkNickname('🏴󠁧󠁢󠁳󠁣󠁴󠁿').ok).toBe(true);
	});

	it('NFC-normalises what is kept', () => {
		expect(checkNickname(' Jose\u0301 ')).toMatchObject({ ok: true, nickname: 'José' });
	});
});

describe('nickname skeletons', () => {
	it('give look-alike names one identity', () => {
		const ana = keyOf('Ana');
		expect(keyOf('ANA')).toBe(ana);
		expect(keyOf('Ａｎａ')).toBe(ana);
		// Cyrillic А and а drawn as Latin A and a.
		expect(keyOf('\u0410n\u0430')).toBe(ana);
		// Names the checker refuses still fold to the same skeleton, so a stored name can never be doubled.
		expect(nicknameKey('Ana\u200b')).toBe(ana);
		expect(nicknameKey('A\u00adna')).toBe(ana);
		expect(keyOf('Ana  Lee')).toBe(keyOf('ana lee'));
		expect(keyOf('STRASSE')).toBe(keyOf('straße'));
	});

	it('keep names that look different apart', () => {
		expect(keyOf('José')).not.toBe(keyOf('Jose'));
		expect(keyOf('李雷')).not.toBe(keyOf('李雪'));
		expect(keyOf('कि')).not.toBe(keyOf('क'));
	});

	it('treat names that are also object keys as ordinary names', () => {
		expect(checkNickname('__proto__')).toMatchObject({ ok: true, key: '__proto__' });
		expect(checkNickname('constructor')).toMatchObject({ ok: true, key: 'constructor' });
		expect(checkNickname('toString')).toMatchObject({ ok: true, key: 'tostring' });
	});
});
