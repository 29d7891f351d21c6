/**
 * The shipped bank: it passes the checker, meets the content targets, and generates the same questions
 * with the same ids on every run.
 */
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from './disk';
import { generateQuestions, QUESTION_KINDS } from './generate';
import type { Bank } from './schema';
import { summarise } from './summary';

function shipped(): Bank {
	const result = loadBankFromDisk('questions');
	if (!result.ok)
		throw new Error(result.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n'));
	return result.bank;
}

describe('the shipped scenario bank', () => {
	it('passes the checker, the cue audit included, and is fully bilingual', () => {
		const result = loadBankFromDisk('questions');
		expect(result.ok ? [] : result.problems).toEqual([]);
		expect(result.cues?.filter((c) => !c.pass)).toEqual([]);
		expect(result.coverage.percent).toBe(100);
	});

	it('covers all ten seed cases with at least three scams each', () => {
		const bank = shipped();
		for (const c of bank.cases) {
			const scams = bank.scenarios.filter((s) => s.case === c.id && s.verdict === 'scam');
			expect(scams.length, `case ${c.id}`).toBeGreaterThanOrEqual(3);
		}
		expect(bank.cases.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('meets the content targets: 60+ scenarios, 24+ legitimate twins, 100+ questions, all kinds', () => {
		const s = summarise(shipped());
		expect(s.scenarios).toBeGreaterThanOrEqual(60);
		expect(s.legitimate).toBeGreaterThanOrEqual(24);
		expect(s.questions).toBeGreaterThanOrEqual(100);
		for (const kind of QUESTION_KINDS) expect(s.byKind[kind], kind).toBeGreaterThan(0);
	});
});

describe('question generation', () => {
	it('is deterministic: two runs over two loads give equal questions', () => {
		const a = generateQuestions(shipped());
		const b = generateQuestions(shipped());
		expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
	});

	it('gives every question a unique id derived from its scenario id', () => {
		const bank = shipped();
		const questions = generateQuestions(bank);
		const ids = questions.map((q) => q.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const q of questions) {
			expect(q.id.startsWith(`${q.scenarioId}/${q.kind}`)).toBe(true);
			expect(bank.scenarios.some((s) => s.id === q.scenarioId)).toBe(true);
		}
	});

	it('asks one "what do you do" per decision and one verdict per scenario', () => {
		const bank = shipped();
		const questions = generateQuestions(bank);
		const decisions = bank.scenarios.reduce((n, s) => n + s.decisions.length, 0);
		expect(questions.filter((q) => q.kind === 'decide')).toHaveLength(decisions);
		expect(questions.filter((q) => q.kind === 'verdict')).toHaveLength(bank.scenarios.length);
	});

	it('asks flags and stop only of scams, with answers that point at flagged steps', () => {
		const bank = shipped();
		const decisive = new Set(bank.redFlags.filter((f) => f.decisive).map((f) => f.id));
		for (const q of generateQuestions(bank)) {
			const s = bank.scenarios.find((x) => x.id === q.scenarioId);
			if (!s) throw new Error(q.scenarioId);
			if (q.kind === 'flags') {
				expect(s.verdict).toBe('scam');
				expect(q.answer.length).toBeGreaterThan(0);
				for (const i of q.answer) expect(s.steps[i]?.flags.length).toBeGreaterThan(0);
				for (const i of q.choices) expect(s.steps[i]?.from).not.toBe('you');
			}
			if (q.kind === 'stop') {
				expect(s.verdict).toBe('scam');
				const first = s.steps.findIndex((st) => st.flags.some((f) => decisive.has(f)));
				expect(q.answer).toBe(first);
				expect(q.choices).toContain(q.answer);
			}
		}
	});
});
