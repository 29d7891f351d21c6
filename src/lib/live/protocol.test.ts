import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	AnswerBodySchema,
	checkNickname,
	CreateRoomBodySchema,
	isRoomCode,
	nicknameKey,
	normaliseRoomCode
} from './protocol';

describe('nickname rules', () => {
	it('trims and NFC-normalises', () => {
		const r = checkNickname('  Cafe\u0301  ');
		expect(r).toMatchObject({ ok: true, nickname: 'Café' });
		if (r.ok) expect(r.nickname.length).toBe(4);
	});

	it('accepts any script and emoji, counting an emoji sequence as one character', () => {
		expect(checkNickname('李雷').ok).toBe(true);
		expect(checkNickname('Ольга').ok).toBe(true);
		expect(checkNickname('مريم').ok).toBe(true);
		// A family emoji is five code points joined by ZWJ but one character on screen.
		expect(checkNickname('👩‍👩‍👧'.repeat(3)).ok).toBe(true);
		// 24 of them are 24 characters, yet over the code-point cap.
		expect(checkNickname('👩‍👩‍👧'.repeat(24))).toMatchObject({ ok: false, problem: 'too-long' });
		expect(checkNickname('🐟'.repeat(24)).ok).toBe(true);
		expect(checkNickname('🐟'.repeat(25))).toMatchObject({ ok: false, problem: 'too-long' });
	});

	it('refuses empty, over-long and control-character names', () => {
		expect(checkNickname('   ')).toMatchObject({ ok: false, problem: 'empty' });
		expect(checkNickname('x'.repeat(25))).toMatchObject({ ok: false, problem: 'too-long' });
		expect(checkNickname('a'.repeat(24)).ok).toBe(true);
		expect(checkNickname('e\u0301'.repeat(40))).toMatchObject({ ok: false, problem: 'too-long' });
		for (const bad of [
			'a\u0000b',
			'tab\there',
			'new\nline',
			'a\u007f',
			'a\u0085',
			'rtl\u202eX',
			'a\u2028b'
		])
			expect(checkNickname(bad)).toMatchObject({ ok: false, problem: 'control-character' });
	});

	it('keeps markup as plain text', () => {
		expect(checkNickname('<b>hi</b>')).toMatchObject({ ok: true, nickname: '<b>hi</b>' });
	});

	it('compares names case-insensitively', () => {
		expect(nicknameKey('ANA')).toBe(nicknameKey('ana'));
		expect(nicknameKey('STRASSE')).toBe(nicknameKey('straße'));
		expect(nicknameKey('Café')).toBe(nicknameKey('CAFE\u0301'));
	});
});

describe('room codes', () => {
	it('normalises what people type and refuses look-alike letters', () => {
		expect(normaliseRoomCode('ab2-c3d ')).toBe('AB2C3D');
		expect(isRoomCode('AB2C3D')).toBe(true);
		expect(isRoomCode('AB0C1D')).toBe(false);
		expect(isRoomCode('ABC')).toBe(false);
	});
});

describe('request bodies', () => {
	it('fills room option defaults', () => {
		const r = v.parse(CreateRoomBodySchema, { deck: { kind: 'quick' } });
		expect(r).toMatchObject({
			timer: { enabled: false, seconds: 30 },
			scoring: 'correctness',
			names: 'nicknames'
		});
	});

	it('rejects unknown fields, even nested ones', () => {
		expect(v.safeParse(CreateRoomBodySchema, { deck: { kind: 'quick' }, x: 1 }).success).toBe(
			false
		);
		expect(
			v.safeParse(CreateRoomBodySchema, { deck: { kind: 'quick' }, timer: { enabled: true, s: 1 } })
				.success
		).toBe(false);
		expect(
			v.safeParse(AnswerBodySchema, {
				playerId: 'p1',
				token: 't',
				questionIndex: 0,
				selection: [0],
				score: 9
			}).success
		).toBe(false);
	});

	it('bounds the timer', () => {
		const timer = (seconds: number) =>
			v.safeParse(CreateRoomBodySchema, {
				deck: { kind: 'quick' },
				timer: { enabled: true, seconds }
			}).success;
		expect(timer(30)).toBe(true);
		expect(timer(2)).toBe(false);
		expect(timer(10_000)).toBe(false);
	});
});
