/**
 * The fast attempt check agrees with the schema: on valid records of every mode, and on records damaged
 * one field at a time in every way the schema refuses (and some it accepts).
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { seededRandom } from '$lib/quiz/random';
import { isCurrentAttempt } from './attempt-guard';
import { ATTEMPT_VERSION, AttemptSchema } from './attempts';

const valid = {
	v: ATTEMPT_VERSION,
	id: 'run-1:0',
	runId: 'run-1',
	questionId: 'securities-call-wechat-group/verdict',
	scenarioId: 'securities-call-wechat-group',
	kind: 'verdict',
	selection: [0],
	correct: true,
	confidence: 'sure',
	mode: 'drill',
	deck: 'quick',
	at: 1_700_000_000_000,
	elapsedMs: 1200,
	lure: 'fake-securities',
	verdict: 'scam',
	form: null
} as const;

/** Values a field may be damaged to: wrong types, limits on both sides, odd numbers. */
const odd: unknown[] = [
	undefined,
	null,
	0,
	-1,
	1.5,
	NaN,
	Infinity,
	-Infinity,
	8.64e15,
	8.64e15 + 1,
	'',
	'x',
	'x'.repeat(20),
	'x'.repeat(21),
	'x'.repeat(80),
	'x'.repeat(81),
	'x'.repeat(100),
	'x'.repeat(101),
	'x'.repeat(200),
	'x'.repeat(201),
	'a-b',
	'a--b',
	'A',
	true,
	false,
	[],
	[0],
	[-1],
	[1.5],
	[NaN],
	Array.from({ length: 20 }, () => 1),
	Array.from({ length: 21 }, () => 1),
	// eslint-disable-next-line no-sparse-arrays
	[0, , 1],
	['0'],
	{},
	'sure',
	'unsure',
	'check',
	'presenter',
	'review',
	'ids',
	'lure',
	'full',
	'flags',
	'stop',
	'decide',
	'legitimate',
	'scam',
	'other'
];

const agree = (record: unknown) =>
	expect(isCurrentAttempt(record, ATTEMPT_VERSION)).toBe(
		v.safeParse(AttemptSchema, record).success
	);

describe('fast attempt check', () => {
	it('accepts valid records of every mode, deck and form', () => {
		expect(isCurrentAttempt(valid, ATTEMPT_VERSION)).toBe(true);
		for (const mode of ['drill', 'review', 'presenter', 'check'])
			for (const form of [null, 'a', 'form-b2'])
				for (const deck of ['full', 'quick', 'lure', 'ids', 'check'])
					agree({ ...valid, mode, form, deck });
	});

	it('agrees with the schema on every field damaged in every listed way', () => {
		for (const field of Object.keys(valid))
			for (const value of odd) agree({ ...valid, [field]: value });
	});

	it('agrees on missing, extra and mixed-up fields, and on things that are not records', () => {
		for (const field of Object.keys(valid)) {
			const { [field as keyof typeof valid]: _gone, ...rest } = valid;
			agree(rest);
		}
		agree({ ...valid, extra: 1 });
		for (const thing of [null, undefined, 3, 'attempt', [], [valid]]) agree(thing);
		const random = seededRandom(4);
		const fields = Object.keys(valid);
		for (let i = 0; i < 2000; i++) {
			const record: Record<string, unknown> = { ...valid };
			for (let k = 0; k < 3; k++)
				record[fields[Math.floor(random() * fields.length)]!] =
					odd[Math.floor(random() * odd.length)];
			agree(record);
		}
	});
});
