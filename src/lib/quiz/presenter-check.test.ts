import { describe, expect, it } from 'vitest';
import { shippedCatalog } from './test-catalog';
import {
	countedItems,
	NO_CHECKS,
	openCheck,
	presenterReport,
	readChecks,
	recordHands,
	startCheck,
	withChecks,
	type PresenterChecks
} from './presenter';

const catalog = shippedCatalog();
const forms = catalog.bank.forms ?? [];

/** Counts every item of a check: `right` hands on the right side, `wrong` on the other, all sure. */
function countAll(checks: PresenterChecks, stage: 'pre' | 'post', right: number, wrong: number) {
	let out = checks;
	checks[stage]!.items.forEach((id, i) => {
		const scam = catalog.scenario.get(id)?.verdict === 'scam';
		out = recordHands(out, stage, i, {
			scamSure: scam ? right : wrong,
			scamUnsure: 0,
			genuineSure: scam ? wrong : right,
			genuineUnsure: 0
		});
	});
	return out;
}

describe('presenter checks', () => {
	it('start on the matched forms, same seed same order, and open until every item is counted', () => {
		const a = startCheck(catalog, NO_CHECKS, 'pre', 42)!;
		expect([...a.pre!.items].sort()).toEqual([...forms[0]!.scenarios].sort());
		expect(startCheck(catalog, NO_CHECKS, 'pre', 42)!.pre!.items).toEqual(a.pre!.items);
		expect(openCheck(a)).toBe('pre');
		const counted = countAll(a, 'pre', 5, 5);
		expect(openCheck(counted)).toBeNull();
		const b = startCheck(catalog, counted, 'post', 7)!;
		expect([...b.post!.items].sort()).toEqual([...forms[1]!.scenarios].sort());
		expect(openCheck(b)).toBe('post');
	});

	it('the report gets the room’s before → after from counted hands', () => {
		let checks = countAll(startCheck(catalog, NO_CHECKS, 'pre', 1)!, 'pre', 6, 6);
		const report = presenterReport(catalog, []);
		const before = withChecks(catalog, report, checks);
		expect(before.checks?.pre?.players).toBe(12);
		expect(before.checks?.post).toBeNull();
		expect(before.checks?.verdict).toBe('too-few');
		checks = countAll(startCheck(catalog, checks, 'post', 2)!, 'post', 11, 1);
		const after = withChecks(catalog, report, checks);
		expect(after.checks?.source).toBe('hands');
		expect(after.checks?.verdict).toBe('sharper');
		expect(after.checks?.post?.hitRate?.value).toBeCloseTo(11 / 12, 6);
	});

	it('an unfinished check is not reported', () => {
		const checks = startCheck(catalog, NO_CHECKS, 'pre', 1)!;
		expect(countedItems(catalog, checks.pre)).toBeNull();
		const report = presenterReport(catalog, []);
		expect(withChecks(catalog, report, checks).checks).toBeUndefined();
	});

	it('reads stored checks as untrusted input', () => {
		const good = countAll(startCheck(catalog, NO_CHECKS, 'pre', 3)!, 'pre', 2, 1);
		expect(readChecks(catalog, JSON.parse(JSON.stringify(good)))).toEqual(good);
		expect(readChecks(catalog, { pre: null })).toBeNull();
		expect(readChecks(catalog, 'x')).toBeNull();
		const unknown = {
			...good,
			pre: { ...good.pre!, items: ['no-such', ...good.pre!.items.slice(1)] }
		};
		expect(readChecks(catalog, unknown)).toBeNull();
		const negative = JSON.parse(JSON.stringify(good));
		negative.pre.hands[0].scamSure = -1;
		expect(readChecks(catalog, negative)).toBeNull();
		const short = { ...good, pre: { ...good.pre!, hands: good.pre!.hands.slice(1) } };
		expect(readChecks(catalog, short)).toBeNull();
	});

	it('ignores a count for an item the check does not have', () => {
		const checks = startCheck(catalog, NO_CHECKS, 'pre', 3)!;
		const hands = { scamSure: 1, scamUnsure: 0, genuineSure: 0, genuineUnsure: 0 };
		expect(recordHands(checks, 'pre', 99, hands)).toBe(checks);
		expect(recordHands(checks, 'post', 0, hands)).toBe(checks);
	});
});
