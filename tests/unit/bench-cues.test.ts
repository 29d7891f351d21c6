/**
 * The simulated learners of `npm run bench`: through the real quiz machine, with options shuffled per drill,
 * each strategy scores what the checker's audit predicts, whatever the shown order.
 */
import { describe, expect, it } from 'vitest';
import { benchCues, cueBenchLines, loadForBench } from '../../scripts/bench-cues';
import { FIXTURE_BANK } from './fixture-bank';

describe('simulated learners through the quiz machine', () => {
	const { bank, cues } = loadForBench(FIXTURE_BANK);

	it('score what the audit predicts, over drills whose options are shown in different orders', () => {
		const rows = benchCues(bank, cues, 4);
		expect(rows.map((r) => r.id)).toEqual([
			'longest-option-zh',
			'longest-option-en',
			'shortest-option-zh',
			'shortest-option-en',
			'fewest-action-words-zh',
			'fewest-action-words-en',
			'action-words-zh',
			'action-words-en',
			'always-scam',
			'self-certifying-zh',
			'self-certifying-en',
			'self-certifying-scam-zh',
			'self-certifying-scam-en',
			'long-script-steps',
			'long-script-zh',
			'long-script-en',
			'tick-every-message',
			'stop-same-position',
			'stop-same-position'
		]);
		for (const row of rows) {
			expect(row.answered, row.name).toBe(
				4 * (row.kind === 'flags' || row.kind === 'stop' ? 3 : 5)
			);
			// Where a strategy likes two options equally (action words here), it picks one at random and the
			// audit counts the expected value; everywhere else the drill must score exactly the audit figure.
			if (row.id.includes('action-words'))
				expect(Math.abs(row.score - (row.audit ?? -100)), row.name).toBeLessThanOrEqual(20);
			else expect(row.score, row.name).toBe(row.audit);
		}
		expect(rows.find((r) => r.id === 'always-scam')).toMatchObject({ score: 60, limit: 60 });
	});

	it('prints each strategy beside the random learner', () => {
		const lines = cueBenchLines(benchCues(bank, cues, 1), 1);
		expect(lines[1]).toMatch(/strategy +answered +strategy +random learner +audit +limit/);
		expect(lines.find((l) => l.includes('verdict: always "scam"'))).toMatch(
			/verdict: always "scam" +5 +60% +\d+(\.\d)?% +60% +60%$/
		);
	});
});
