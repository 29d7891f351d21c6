/**
 * The solo check programme over a hand-made history: runs found and scored, the next check and when it is
 * due, the held scenarios, and the before → after comparison.
 */
import { describe, expect, it } from 'vitest';
import type { Attempt } from '$lib/progress/attempts';
import { checkLogOf } from '$lib/progress/checks';
import {
	checkRuns,
	compareRuns,
	drillsSince,
	heldScenarios,
	MIN_DAYS_AFTER,
	MIN_DAYS_RECHECK,
	nextCheck,
	type FormRef
} from './solo';

const DAY = 24 * 60 * 60 * 1000;
const forms: FormRef[] = [
	{ id: 'a', scenarios: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'] },
	{ id: 'b', scenarios: ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'] }
];

let n = 0;
function attempt(over: Partial<Attempt>): Attempt {
	n += 1;
	return {
		v: 3,
		id: `${over.runId ?? 'r'}:${n}`,
		runId: 'r',
		questionId: 'x/verdict',
		scenarioId: 'x',
		kind: 'verdict',
		selection: [0],
		correct: true,
		confidence: 'sure',
		mode: 'drill',
		deck: 'quick',
		at: 0,
		elapsedMs: 1000,
		lure: 'l',
		verdict: 'scam',
		form: null,
		...over
	};
}

/**
 * A whole check: `right` of its four scams called scams (the rest genuine), `alarms` of its four genuine
 * items called scams, all "sure".
 */
function check(form: string, runId: string, at: number, right: number, alarms: number): Attempt[] {
	const ids = forms.find((f) => f.id === form)!.scenarios;
	return ids.map((id, i) => {
		const scam = i < 4;
		const saysScam = scam ? i < right : i - 4 < alarms;
		return attempt({
			runId,
			mode: 'check',
			deck: 'check',
			form,
			scenarioId: id,
			questionId: `${id}/verdict`,
			verdict: scam ? 'scam' : 'legitimate',
			selection: [saysScam ? 0 : 1],
			correct: saysScam === scam,
			at: at + i
		});
	});
}

function drill(runId: string, at: number, answers = 10): Attempt[] {
	return Array.from({ length: answers }, (_, i) => attempt({ runId, at: at + i }));
}

describe('check runs', () => {
	it('groups check answers by run with their form, counts and scores; drills are not checks', () => {
		const history = [...check('a', 'c1', 1000, 3, 1), ...drill('d1', 5000)];
		const [run, ...rest] = checkRuns(history, forms);
		expect(rest).toEqual([]);
		expect(run).toMatchObject({ runId: 'c1', form: 'a', answered: 8, size: 8, complete: true });
		expect(run!.startedAt).toBe(1000);
		expect(run!.at).toBe(1007);
		expect(run!.answers.filter((a) => a.said === 'scam')).toHaveLength(4);
	});

	it('a check left part-way is kept as not complete', () => {
		const [run] = checkRuns(check('a', 'c1', 0, 4, 0).slice(0, 5), forms);
		expect(run).toMatchObject({ answered: 5, complete: false });
	});

	it('counts drills with enough answers after a time', () => {
		const history = [...drill('d1', 100), ...drill('d2', 200, 4), ...drill('d3', 300)];
		expect(drillsSince(history, 0)).toBe(2);
		expect(drillsSince(history, 150)).toBe(1);
	});
});

describe('next check', () => {
	it('offers form A first, due only before the first drill', () => {
		expect(nextCheck(forms, [], 0)).toEqual({
			form: 'a',
			role: 'before',
			due: true,
			drillsLeft: 0,
			dueFrom: null
		});
		expect(nextCheck(forms, drill('d1', 10), 100)).toMatchObject({ form: 'a', due: false });
	});

	it('offers form B after three drills and a day since form A, not before either', () => {
		const a = check('a', 'c1', 0, 2, 2);
		const dueFrom = 7 + MIN_DAYS_AFTER * DAY;
		const two = [...a, ...drill('d1', 1000), ...drill('d2', 2000)];
		expect(nextCheck(forms, two, 2 * DAY)).toEqual({
			form: 'b',
			role: 'after',
			due: false,
			drillsLeft: 1,
			dueFrom
		});
		const three = [...two, ...drill('d3', 3000)];
		expect(nextCheck(forms, three, dueFrom - 1)).toMatchObject({ due: false, drillsLeft: 0 });
		expect(nextCheck(forms, three, dueFrom)).toMatchObject({ form: 'b', due: true });
	});

	it('re-checks alternate forms, on a longer wait', () => {
		const history = [...check('a', 'c1', 0, 2, 2), ...check('b', 'c2', 10 * DAY, 4, 0)];
		const next = nextCheck(forms, history, 11 * DAY)!;
		expect(next).toMatchObject({ form: 'a', role: 'recheck', drillsLeft: 3 });
		expect(next.dueFrom).toBe(10 * DAY + 7 + MIN_DAYS_RECHECK * DAY);
		const third = [...history, ...check('a', 'c3', 30 * DAY, 4, 0)];
		expect(nextCheck(forms, third, 31 * DAY)).toMatchObject({ form: 'b', role: 'recheck' });
	});

	it('needs two forms', () => {
		expect(nextCheck(forms.slice(0, 1), [], 0)).toBeNull();
	});
});

describe('held scenarios and the check log', () => {
	it('holds form B until any check answer on it, never form A', () => {
		expect(heldScenarios(forms, [])).toEqual(forms[1]!.scenarios);
		expect(heldScenarios(forms, ['a'])).toEqual(forms[1]!.scenarios);
		expect(heldScenarios(forms, ['a', 'b'])).toEqual([]);
		const log = checkLogOf([
			...check('a', 'c1', 5, 4, 0),
			...check('b', 'c2', 50, 4, 0).slice(0, 2)
		]);
		expect(log).toEqual({ a: 12, b: 51 });
		expect(heldScenarios(forms, Object.keys(log))).toEqual([]);
	});
});

describe('before → after', () => {
	it('needs two complete checks', () => {
		expect(compareRuns(checkRuns(check('a', 'c1', 0, 4, 0), forms))).toBeNull();
	});

	it('is too few to tell with four of each kind (the minimum) unless the change is large', () => {
		const runs = checkRuns([...check('a', 'c1', 0, 2, 2), ...check('b', 'c2', DAY, 3, 1)], forms);
		const p = compareRuns(runs)!;
		expect(p.before.run.form).toBe('a');
		expect(p.after.run.form).toBe('b');
		expect(p.change).toBe('no-clear-change');
		expect(p.before.scores.dPrime!.value).toBeCloseTo(0, 6);
		expect(p.after.scores.dPrime!.value).toBeGreaterThan(1);
	});

	it('says "more suspicious" when every genuine item became a scam too', () => {
		const runs = checkRuns([...check('a', 'c1', 0, 0, 0), ...check('b', 'c2', DAY, 4, 4)], forms);
		expect(compareRuns(runs)!.change).toBe('more-suspicious');
	});

	it('compares the first check with the latest, and calibration by the Brier score', () => {
		const runs = checkRuns(
			[
				...check('a', 'c1', 0, 0, 4),
				...check('b', 'c2', DAY, 2, 2),
				...check('a', 'c3', 20 * DAY, 4, 0)
			],
			forms
		);
		const p = compareRuns(runs)!;
		expect(p.before.run.runId).toBe('c1');
		expect(p.after.run.runId).toBe('c3');
		expect(p.change).toBe('sharper');
		// All "sure": Brier 0.81 when all wrong, 0.01 when all right.
		expect(p.before.scores.calibration.brier).toBeCloseTo(0.81, 6);
		expect(p.after.scores.calibration.brier).toBeCloseTo(0.01, 6);
		expect(p.calibration).toBe('better');
	});
});
