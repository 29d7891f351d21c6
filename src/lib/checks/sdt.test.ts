import { describe, expect, it } from 'vitest';
import {
	calibrate,
	compareChecks,
	correctedRate,
	scoreCheck,
	wilson,
	type CheckAnswer
} from './sdt';

/** A check with `hits` of `scams` scams called scams and `fas` of `genuine` genuine items called scams. */
function check(hits: number, scams: number, fas: number, genuine: number): CheckAnswer[] {
	const out: CheckAnswer[] = [];
	for (let i = 0; i < scams; i++)
		out.push({ truth: 'scam', said: i < hits ? 'scam' : 'legitimate', confidence: 'sure' });
	for (let i = 0; i < genuine; i++)
		out.push({ truth: 'legitimate', said: i < fas ? 'scam' : 'legitimate', confidence: 'sure' });
	return out;
}

// simple-statistics' probit is accurate to about 3 decimals.
const near = (a: number | undefined, b: number) => expect(a).toBeCloseTo(b, 2);

describe('signal detection scores (known answers)', () => {
	it('H = .8, F = .2 gives d′ = 1.68 and no bias', () => {
		const s = scoreCheck(check(8, 10, 2, 10));
		near(s.dPrime?.value, 1.683);
		near(s.c?.value, 0);
		// Gourevitch & Galanter: sd(d′) = 0.639 here, so the 95% interval is ± 1.25.
		near(s.dPrime!.high - s.dPrime!.value, 1.252);
	});

	it('H = .9, F = .5 gives d′ = 1.28 and a lean towards "scam" (c = −0.64)', () => {
		const s = scoreCheck(check(9, 10, 5, 10));
		near(s.dPrime?.value, 1.282);
		near(s.c?.value, -0.641);
	});

	it('all hits and no false alarms are corrected to 1 − 1/2N and 1/2N', () => {
		expect(correctedRate(10, 10)).toBe(0.95);
		expect(correctedRate(0, 10)).toBe(0.05);
		const s = scoreCheck(check(10, 10, 0, 10));
		near(s.dPrime?.value, 3.29);
		near(s.c?.value, 0);
	});

	it('calls everything a scam: perfect hit rate, no discrimination', () => {
		const s = scoreCheck(check(6, 6, 6, 6));
		near(s.dPrime?.value, 0);
		expect(s.c!.value).toBeLessThan(-1);
		expect(s.hitRate?.value).toBe(1);
		expect(s.falseAlarmRate?.value).toBe(1);
	});

	it('reports too few answers to tell instead of a figure', () => {
		const one = scoreCheck([{ truth: 'scam', said: 'scam', confidence: 'sure' }]);
		expect(one.dPrime).toBeNull();
		expect(one.c).toBeNull();
		expect(one.hitRate?.value).toBe(1);
		expect(one.falseAlarmRate).toBeNull();
		expect(scoreCheck(check(3, 3, 0, 10)).dPrime).toBeNull();
		expect(correctedRate(0, 0)).toBeNull();
	});

	it('gives Wilson intervals that stay inside 0–1 and are wide at small counts', () => {
		const w = wilson(0, 10)!;
		expect(w.low).toBe(0);
		expect(w.high).toBeCloseTo(0.2775, 3);
		const half = wilson(5, 10)!;
		expect(half.low).toBeCloseTo(0.2366, 3);
		expect(half.high).toBeCloseTo(0.7634, 3);
	});
});

describe('calibration', () => {
	it('counts right answers per confidence and the Brier score', () => {
		const answers: CheckAnswer[] = [
			{ truth: 'scam', said: 'scam', confidence: 'sure' },
			{ truth: 'scam', said: 'legitimate', confidence: 'sure' },
			{ truth: 'legitimate', said: 'legitimate', confidence: 'unsure' }
		];
		const cal = calibrate(answers);
		expect(cal.sure).toEqual({ right: 1, total: 2 });
		expect(cal.unsure).toEqual({ right: 1, total: 1 });
		// (0.9 − 1)² + (0.9 − 0)² + (0.6 − 1)², averaged.
		expect(cal.brier).toBeCloseTo((0.01 + 0.81 + 0.16) / 3, 10);
		expect(calibrate([]).brier).toBeNull();
	});
});

describe('before → after', () => {
	it('says sharper when d′ rose beyond the noise', () => {
		expect(compareChecks(scoreCheck(check(5, 10, 5, 10)), scoreCheck(check(10, 10, 0, 10)))).toBe(
			'sharper'
		);
		expect(compareChecks(scoreCheck(check(10, 10, 0, 10)), scoreCheck(check(5, 10, 5, 10)))).toBe(
			'duller'
		);
	});

	it('says more suspicious when only the lean towards "scam" moved', () => {
		const before = scoreCheck(check(12, 20, 4, 20));
		const after = scoreCheck(check(18, 20, 14, 20));
		expect(compareChecks(before, after)).toBe('more-suspicious');
		expect(compareChecks(after, before)).toBe('more-trusting');
	});

	it('says no clear change within the noise, and too few with too few answers', () => {
		expect(compareChecks(scoreCheck(check(7, 10, 3, 10)), scoreCheck(check(8, 10, 3, 10)))).toBe(
			'no-clear-change'
		);
		expect(compareChecks(scoreCheck(check(1, 1, 0, 1)), scoreCheck(check(8, 10, 3, 10)))).toBe(
			'too-few'
		);
	});
});
