/**
 * Progress over time, from the attempt history alone (each attempt carries its lure type and verdict, so
 * these charts survive changes to the bank): accuracy per lure type across drills, scams caught against
 * false alarms on genuine look-alikes, and confidence against correctness.
 */
import type { Attempt } from '$lib/progress/attempts';
import type { Tally } from '$lib/quiz/results';

/** One drill (one run of a deck), as the charts see it. */
export interface RunSummary {
	runId: string;
	at: number;
	score: Tally;
	byLure: Map<string, Tally>;
	/** "Scam or legitimate?" on scams (caught) and on genuine twins (false alarms). */
	scamVerdicts: Tally;
	twinVerdicts: Tally;
}

const tally = (): Tally => ({ total: 0, correct: 0 });

/** Groups attempts into drills, oldest first. */
export function runsOf(history: readonly Attempt[]): RunSummary[] {
	const runs = new Map<string, RunSummary>();
	for (const a of history) {
		let run = runs.get(a.runId);
		if (!run) {
			run = {
				runId: a.runId,
				at: a.at,
				score: tally(),
				byLure: new Map(),
				scamVerdicts: tally(),
				twinVerdicts: tally()
			};
			runs.set(a.runId, run);
		}
		const add = (t: Tally) => {
			t.total += 1;
			if (a.correct) t.correct += 1;
		};
		add(run.score);
		if (a.lure) {
			const t = run.byLure.get(a.lure) ?? tally();
			add(t);
			run.byLure.set(a.lure, t);
		}
		if (a.kind === 'verdict' && a.verdict)
			add(a.verdict === 'scam' ? run.scamVerdicts : run.twinVerdicts);
	}
	return [...runs.values()].sort((a, b) => a.at - b.at);
}

const pct = (t: Tally) => (t.total === 0 ? 0 : Math.round((100 * t.correct) / t.total));

/** How many recent drills a trend line shows. */
export const TREND_RUNS = 12;

export interface LureTrend {
	lure: string;
	/** Accuracy (%) in each recent drill that asked about this lure type, oldest first. */
	points: number[];
	overall: Tally;
}

/** Accuracy per lure type across the drills that asked about it. */
export function lureTrends(runs: readonly RunSummary[]): LureTrend[] {
	const trends = new Map<string, LureTrend>();
	for (const run of runs)
		for (const [lure, t] of run.byLure) {
			const trend = trends.get(lure) ?? { lure, points: [], overall: tally() };
			trend.points.push(pct(t));
			trend.overall.total += t.total;
			trend.overall.correct += t.correct;
			trends.set(lure, trend);
		}
	for (const trend of trends.values()) trend.points = trend.points.slice(-TREND_RUNS);
	return [...trends.values()];
}

/**
 * Per drill with verdict questions: % of scams caught and % of genuine look-alikes wrongly called scams.
 * A learner who calls everything a scam shows a high catch rate and a high false-alarm rate together.
 */
export function verdictTrend(runs: readonly RunSummary[]): {
	caught: number[];
	falseAlarms: number[];
} {
	const withVerdicts = runs
		.filter((r) => r.scamVerdicts.total + r.twinVerdicts.total > 0)
		.slice(-TREND_RUNS);
	return {
		caught: withVerdicts.filter((r) => r.scamVerdicts.total > 0).map((r) => pct(r.scamVerdicts)),
		falseAlarms: withVerdicts
			.filter((r) => r.twinVerdicts.total > 0)
			.map((r) => 100 - pct(r.twinVerdicts))
	};
}
