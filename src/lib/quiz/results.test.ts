import { describe, expect, it } from 'vitest';
import type { Answer } from './machine';
import { confidenceBars, overSuspicious, percent, summariseAnswers } from './results';
import { shippedCatalog } from './test-catalog';

const catalog = shippedCatalog();
const scam = catalog.bank.scenarios.find((s) => s.verdict === 'scam');
const twin = catalog.bank.scenarios.find((s) => s.verdict === 'legitimate');

function a(
	questionId: string,
	correct: boolean,
	confidence: Answer['confidence'] = 'sure'
): Answer {
	const q = catalog.question.get(questionId);
	if (!q) throw new Error(questionId);
	return {
		questionId,
		scenarioId: q.scenarioId,
		kind: q.kind,
		selection: [0],
		correct,
		confidence,
		at: 0,
		elapsedMs: 0
	};
}

describe('quiz results', () => {
	it('shows a learner who calls everything a scam as catching scams but raising false alarms', () => {
		const answers = [
			a(`${scam?.id}/verdict`, true),
			a(`${twin?.id}/verdict`, false),
			a(`${scam?.id}/flags`, true, 'unsure')
		];
		const s = summariseAnswers(catalog, answers);
		expect(s.score).toEqual({ total: 3, correct: 2 });
		expect(s.verdicts).toEqual({ hits: 1, misses: 0, falseAlarms: 1, correctRejections: 0 });
		expect(s.scams).toEqual({ total: 2, correct: 2 });
		expect(s.twins).toEqual({ total: 1, correct: 0 });
		expect(s.confidence).toEqual({ sureRight: 1, sureWrong: 1, unsureRight: 1, unsureWrong: 0 });
		expect(s.missed.map((m) => m.question.id)).toEqual([`${twin?.id}/verdict`]);
	});

	it('tallies by lure type in the order of lures.yaml, and skips answers to removed questions', () => {
		const answers = [a(`${scam?.id}/verdict`, true), a(`${twin?.id}/verdict`, true)];
		const s = summariseAnswers(catalog, [
			...answers,
			{ ...answers[0]!, questionId: 'gone/verdict' }
		]);
		expect(s.score.total).toBe(2);
		const order = catalog.bank.lures.map((l) => l.id);
		const lures = s.byLure.map((t) => t.lure.id);
		expect([...lures].sort((x, y) => order.indexOf(x) - order.indexOf(y))).toEqual(lures);
		expect(s.byLure.reduce((n, t) => n + t.total, 0)).toBe(2);
	});

	it('rounds percentages and treats 0 of 0 as 0', () => {
		expect(percent({ total: 3, correct: 2 })).toBe(67);
		expect(percent({ total: 0, correct: 0 })).toBe(0);
	});
});

describe('the over-suspicion note', () => {
	it('needs a pattern, not one false alarm', () => {
		expect(overSuspicious({ falseAlarms: 1, correctRejections: 0 })).toBe(false);
		expect(overSuspicious({ falseAlarms: 2, correctRejections: 2 })).toBe(true);
		expect(overSuspicious({ falseAlarms: 2, correctRejections: 3 })).toBe(false);
		expect(overSuspicious({ falseAlarms: 0, correctRejections: 0 })).toBe(false);
	});
});

describe('chart colours', () => {
	it('colour bars by meaning, not by value: right answers green, wrong red', () => {
		const bars = confidenceBars({ sureRight: 0, sureWrong: 9, unsureRight: 1, unsureWrong: 0 });
		expect(bars.map((b) => b.tone)).toEqual(['good', 'bad', 'good', 'bad']);
	});
});
