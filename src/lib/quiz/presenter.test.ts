import { describe, expect, it } from 'vitest';
import type { Answer } from './machine';
import { handCounts, majority, presenterReport, roundOf } from './presenter';
import { shippedCatalog } from './test-catalog';
import { reportBars } from '$lib/live/report';

const catalog = shippedCatalog();
const scam = catalog.bank.scenarios.find((s) => s.id === 'securities-call-wechat-group')!;
const verdict = catalog.question.get(`${scam.id}/verdict`)!;
const flags = catalog.question.get(`${scam.id}/flags`)!;

function answer(
	q: typeof verdict,
	selection: number[],
	correct: boolean,
	counts?: number[]
): Answer {
	return {
		questionId: q.id,
		scenarioId: q.scenarioId,
		kind: q.kind,
		selection,
		correct,
		confidence: 'sure',
		at: 0,
		elapsedMs: 0,
		...(counts ? { counts } : {})
	};
}

describe('presenter mode', () => {
	it('stores hands by choice, whatever order the choices were shown in', () => {
		// Keyed by choice (verdict: 0 = scam, 1 = legitimate); typed-in junk counts as none.
		expect(handCounts(verdict, { 1: 7, 0: 3 })).toEqual([3, 7]);
		expect(handCounts(verdict, { 0: -4, 1: 2.7 })).toEqual([0, 2]);
		expect(handCounts(verdict, {})).toEqual([0, 0]);
		const stop = catalog.question.get(`${scam.id}/stop`)!;
		if (stop.kind !== 'stop') throw new Error('expected a stop question');
		const last = stop.choices.at(-1)!;
		expect(handCounts(stop, { [last]: 4 })).toEqual(stop.choices.map((c) => (c === last ? 4 : 0)));
	});

	it('takes the choice with most hands as the room’s answer', () => {
		expect(majority(verdict, [3, 9])).toEqual([1]);
		expect(majority(verdict, [4, 4])).toEqual([0]);
		expect(majority(verdict, [0, 0])).toEqual([]);
		// A tie goes to the choice shown first, not to the one authored first.
		expect(majority(verdict, [4, 4], [1, 0])).toEqual([1]);
		expect(majority(verdict, [5, 4], [1, 0])).toEqual([0]);
	});

	it('counts hands on the right choice as right answers', () => {
		// Verdict on a scam: choice 0 ("scam") is right.
		expect(roundOf(verdict, answer(verdict, [1], false, [7, 13]), 0)).toMatchObject({
			answers: 20,
			correct: 7
		});
		expect(roundOf(verdict, answer(verdict, [0], true), 1)).toMatchObject({
			answers: 1,
			correct: 1
		});
	});

	it('builds the team report: per question, red flag, lure type and most-missed scenarios', () => {
		const report = presenterReport(catalog, [
			answer(verdict, [1], false, [7, 13]),
			answer(flags, [0], false)
		]);
		expect(report.players).toBe(20);
		expect(report.questions.map((q) => q.percent)).toEqual([35, 0]);
		// Red flags, lure types and scenarios count questions (the room's answer), never hands plus answers.
		expect(report.lures).toEqual([
			expect.objectContaining({ lure: scam.lure, answers: 2, correct: 0 })
		]);
		expect(report.mostMissed[0]).toMatchObject({ scenarioId: scam.id, missed: 2, answers: 2 });
		expect(report.missedQuestionIds).toEqual([verdict.id, flags.id]);
		expect(report.redFlags.length).toBeGreaterThan(0);
	});

	it('never calls a hand count people: the most hands on one question, rows the room answered as one marked', () => {
		const stop = catalog.question.get(`${scam.id}/stop`)!;
		if (stop.kind !== 'stop') throw new Error('expected a stop question');
		const report = presenterReport(catalog, [
			answer(verdict, [0], true, [12, 7]),
			answer(flags, [0], false),
			answer(stop, [stop.choices[0]!], false)
		]);
		// 19 hands on the one counted question: "up to 19 hands per question", not "19 people".
		expect(report.presenter).toEqual({ hands: 19 });
		expect(report.questions.map((r) => [r.answers, r.correct, r.room ?? false])).toEqual([
			[19, 12, false],
			[1, 0, true],
			[1, 0, true]
		]);
		// The room's one answer reads right or wrong, never "0 of 1".
		const bars = reportBars(catalog, report).questions;
		expect(bars[0]!.text).toBe('63% (12 of 19)');
		expect(bars[1]!.text).toBe('Room: wrong');
		expect(bars.map((b) => b.text).join(' ')).not.toMatch(/of 1\)/);
		// The verdict's 12 of 19 hands made the room's answer right; the other two were wrong.
		expect(reportBars(catalog, report).lures.map((b) => b.text)).toEqual([
			'33% (1 of 3 questions)'
		]);
	});

	it('reports the questions answered so far when the session ends early', () => {
		const report = presenterReport(catalog, [answer(verdict, [0], true)]);
		expect(report.questions).toHaveLength(1);
		expect(report.presenter).toEqual({ hands: 0 });
		expect(reportBars(catalog, report).questions[0]!.text).toBe('Room: right');
		expect(report.missedQuestionIds).toEqual([]);
	});
});
