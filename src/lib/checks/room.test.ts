import { describe, expect, it } from 'vitest';
import {
	handChecks,
	handsToAnswers,
	meanInterval,
	MIN_PAIRED,
	pairedVerdict,
	roomChecks,
	t95,
	type LuredAnswer,
	type PlayerChecks
} from './room';

/** A check of 6 scams and 6 genuine items: `hits` scams called scams, `fas` genuine called scams. */
function check(hits: number, fas: number, confidence: 'sure' | 'unsure' = 'sure'): LuredAnswer[] {
	const out: LuredAnswer[] = [];
	for (let i = 0; i < 6; i++)
		out.push({
			truth: 'scam',
			said: i < hits ? 'scam' : 'legitimate',
			confidence,
			lure: i % 2 ? 'job' : 'stock'
		});
	for (let i = 0; i < 6; i++)
		out.push({
			truth: 'legitimate',
			said: i < fas ? 'scam' : 'legitimate',
			confidence,
			lure: i % 2 ? 'job' : 'stock'
		});
	return out;
}

const both = { pre: true, post: true };

describe('mean with a t interval (known answers)', () => {
	it('uses Student t for small samples', () => {
		expect(t95(1)).toBe(12.706);
		expect(t95(4)).toBe(2.776);
		expect(t95(200)).toBe(1.96);
	});

	it('1, 2, 3: mean 2, sd 1, half-width 4.303/√3 = 2.484', () => {
		const e = meanInterval([1, 2, 3])!;
		expect(e.value).toBe(2);
		expect(e.high - e.value).toBeCloseTo(2.484, 3);
		expect(e.value - e.low).toBeCloseTo(2.484, 3);
	});

	it('is null under the minimum', () => {
		expect(meanInterval([1, 2])).toBeNull();
		expect(meanInterval([])).toBeNull();
	});
});

describe('the verdict from mean changes', () => {
	const e = (value: number, low: number, high: number) => ({ value, low, high });
	it('d′ first, then c, else no clear change', () => {
		expect(pairedVerdict(e(1, 0.2, 1.8), e(0, -1, 1))).toBe('sharper');
		expect(pairedVerdict(e(-1, -1.8, -0.2), e(0, -1, 1))).toBe('duller');
		expect(pairedVerdict(e(0, -1, 1), e(-1, -1.5, -0.5))).toBe('more-suspicious');
		expect(pairedVerdict(e(0, -1, 1), e(1, 0.5, 1.5))).toBe('more-trusting');
		expect(pairedVerdict(e(0, -1, 1), e(0, -1, 1))).toBe('no-clear-change');
		expect(pairedVerdict(null, null)).toBe('too-few');
	});
});

describe('a live room before → after', () => {
	it('players who all got sharper: each change is counted, and the room is sharper', () => {
		const players: PlayerChecks[] = [
			{ pre: check(3, 3), post: check(6, 0) },
			{ pre: check(4, 3), post: check(6, 1) },
			{ pre: check(3, 2), post: check(5, 0) },
			{ pre: check(4, 4), post: check(6, 1) }
		];
		const r = roomChecks(players, both);
		expect(r.both).toBe(4);
		expect(r.changes).toHaveLength(4);
		expect(r.changes.every((x) => x > 1)).toBe(true);
		// ascending, for the strip plot
		expect([...r.changes].sort((a, b) => a - b)).toEqual(r.changes);
		expect(r.rose).toBe(4);
		expect(r.fell + r.same).toBe(0);
		expect(r.verdict).toBe('sharper');
		expect(r.pre?.players).toBe(4);
		expect(r.pre?.answers).toBe(48);
		expect(r.pre?.scams).toBe(24);
		// pooled before: 14 of 24 scams called scams
		expect(r.pre?.hitRate?.value).toBeCloseTo(14 / 24, 6);
		expect(r.post?.falseAlarmRate?.value).toBeCloseTo(2 / 24, 6);
		expect(r.lures.map((l) => l.lure)).toEqual(['job', 'stock']);
		expect(r.lures[0]!.preAnswers).toBe(24);
	});

	it('everyone calling everything a scam after: more suspicious, not sharper', () => {
		const players: PlayerChecks[] = [
			{ pre: check(4, 2), post: check(6, 5) },
			{ pre: check(4, 1), post: check(6, 4) },
			{ pre: check(5, 2), post: check(6, 5) },
			{ pre: check(4, 2), post: check(6, 4) }
		];
		const r = roomChecks(players, both);
		expect(r.verdict).toBe('more-suspicious');
		expect(r.meanBiasChange!.high).toBeLessThan(0);
	});

	it(`under ${MIN_PAIRED} players with both checks: too few to tell, but the counts are there`, () => {
		const players: PlayerChecks[] = [
			{ pre: check(3, 3), post: check(6, 0) },
			{ pre: check(3, 3), post: null },
			{ pre: null, post: check(6, 0) },
			// answered one item of each: took both, but cannot be scored
			{ pre: check(3, 3).slice(0, 1), post: check(6, 0).slice(0, 1) }
		];
		const r = roomChecks(players, both);
		expect(r.both).toBe(2);
		expect(r.changes).toHaveLength(1);
		expect(r.meanChange).toBeNull();
		expect(r.verdict).toBe('too-few');
		expect(r.pre?.players).toBe(3);
		expect(r.post?.players).toBe(3);
	});

	it('a session without an after-check reports only the before', () => {
		const r = roomChecks([{ pre: check(3, 3), post: null }], { pre: true, post: false });
		expect(r.post).toBeNull();
		expect(r.pre?.answers).toBe(12);
		expect(r.verdict).toBe('too-few');
	});

	it('an empty room has nothing to tell', () => {
		const r = roomChecks([], both);
		expect(r.pre?.hitRate).toBeNull();
		expect(r.pre?.dPrime).toBeNull();
		expect(r.pre?.calibration.brier).toBeNull();
		expect(r.verdict).toBe('too-few');
	});
});

describe('presenter mode: counted hands', () => {
	const item = (truth: 'scam' | 'legitimate', s: number, su: number, g: number, gu: number) => ({
		truth,
		lure: 'stock',
		hands: { scamSure: s, scamUnsure: su, genuineSure: g, genuineUnsure: gu }
	});

	it('one answer per hand, with its confidence', () => {
		const a = handsToAnswers(item('scam', 2, 1, 0, 3));
		expect(a).toHaveLength(6);
		expect(a.filter((x) => x.said === 'scam' && x.confidence === 'unsure')).toHaveLength(1);
		expect(a.filter((x) => x.said === 'legitimate')).toHaveLength(3);
	});

	it('a room that learnt to tell them apart is sharper; no per-player change is claimed', () => {
		const pre = [
			...Array.from({ length: 6 }, () => item('scam', 5, 5, 5, 5)),
			...Array.from({ length: 6 }, () => item('legitimate', 5, 5, 5, 5))
		];
		const post = [
			...Array.from({ length: 6 }, () => item('scam', 16, 2, 1, 1)),
			...Array.from({ length: 6 }, () => item('legitimate', 1, 1, 16, 2))
		];
		const r = handChecks(pre, post);
		expect(r.source).toBe('hands');
		expect(r.pre?.players).toBe(20);
		expect(r.pre?.hitRate?.value).toBe(0.5);
		expect(r.post?.hitRate?.value).toBe(0.9);
		expect(r.verdict).toBe('sharper');
		expect(r.changes).toEqual([]);
		expect(r.both).toBe(0);
	});

	it('before only: too few to tell a change', () => {
		const r = handChecks([item('scam', 1, 0, 0, 0)], null);
		expect(r.post).toBeNull();
		expect(r.verdict).toBe('too-few');
	});
});
