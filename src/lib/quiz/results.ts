/**
 * Summaries of answers: the results screen of a drill (and, later, progress over time) is drawn from these
 * figures. Pure functions of the catalog and a list of answers.
 */
import type { Bar } from '$lib/components/chart';
import { m } from '$lib/i18n';
import type { Question } from '$lib/scenarios/generate';
import type { DrillScenario } from '$lib/scenarios/schema';
import type { Catalog, LureEntry } from './catalog';
import type { Answer } from './machine';

export interface Tally {
	total: number;
	correct: number;
}

export interface LureTally extends Tally {
	lure: LureEntry;
}

/** One missed question with what the results screen needs to explain it. */
export interface Miss {
	answer: Answer;
	question: Question;
	scenario: DrillScenario;
}

export interface QuizSummary {
	score: Tally;
	byLure: LureTally[];
	/** Questions on scams vs questions on genuine look-alikes. */
	scams: Tally;
	twins: Tally;
	/**
	 * "Scam or legitimate?" answers as signal detection: a learner who calls everything a scam has many
	 * false alarms; one who trusts everything misses scams.
	 */
	verdicts: { hits: number; misses: number; falseAlarms: number; correctRejections: number };
	confidence: ConfidenceTally;
	missed: Miss[];
}

/** Confidence against correctness. */
export interface ConfidenceTally {
	sureRight: number;
	sureWrong: number;
	unsureRight: number;
	unsureWrong: number;
}

/** Counts answers by confidence and correctness. */
export function confidenceTally(
	answers: readonly { correct: boolean; confidence: 'sure' | 'unsure' }[]
): ConfidenceTally {
	const out = { sureRight: 0, sureWrong: 0, unsureRight: 0, unsureWrong: 0 };
	for (const a of answers) {
		const sure = a.confidence === 'sure';
		if (sure) out[a.correct ? 'sureRight' : 'sureWrong'] += 1;
		else out[a.correct ? 'unsureRight' : 'unsureWrong'] += 1;
	}
	return out;
}

/** The confidence chart: sure or not, right or not; the sure-but-wrong bar is the one to watch. */
export function confidenceBars(c: ConfidenceTally): Bar[] {
	const max = c.sureRight + c.sureWrong + c.unsureRight + c.unsureWrong;
	const bar = (label: string, value: number, tone: Bar['tone']): Bar => ({
		label,
		value,
		max,
		text: String(value),
		tone
	});
	return [
		bar(m.results_sureRight(), c.sureRight, 'good'),
		bar(m.results_sureWrong(), c.sureWrong, 'bad'),
		bar(m.results_unsureRight(), c.unsureRight, 'good'),
		bar(m.results_unsureWrong(), c.unsureWrong, 'bad')
	];
}

/**
 * True when the learner called genuine services scams often enough to say so: at least two false alarms,
 * and on at least half of the genuine look-alikes answered. One false alarm in a drill is not a pattern.
 */
export function overSuspicious(v: { falseAlarms: number; correctRejections: number }): boolean {
	return v.falseAlarms >= 2 && 2 * v.falseAlarms >= v.falseAlarms + v.correctRejections;
}

const empty = (): Tally => ({ total: 0, correct: 0 });

function add(t: Tally, correct: boolean): void {
	t.total += 1;
	if (correct) t.correct += 1;
}

/** Percent right, rounded; 0 of 0 is 0. */
export function percent(t: Tally): number {
	return t.total === 0 ? 0 : Math.round((100 * t.correct) / t.total);
}

/** Summarises answers; answers to questions no longer in the catalog are skipped. */
export function summariseAnswers(catalog: Catalog, answers: readonly Answer[]): QuizSummary {
	const score = empty();
	const scams = empty();
	const twins = empty();
	const lure = new Map<string, Tally>();
	const verdicts = { hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 };
	const missed: Miss[] = [];

	for (const answer of answers) {
		const question = catalog.question.get(answer.questionId);
		const scenario = question && catalog.scenario.get(question.scenarioId);
		if (!question || !scenario) continue;
		add(score, answer.correct);
		add(scenario.verdict === 'scam' ? scams : twins, answer.correct);
		const t = lure.get(scenario.lure) ?? empty();
		add(t, answer.correct);
		lure.set(scenario.lure, t);
		if (question.kind === 'verdict') {
			if (scenario.verdict === 'scam') verdicts[answer.correct ? 'hits' : 'misses'] += 1;
			else verdicts[answer.correct ? 'correctRejections' : 'falseAlarms'] += 1;
		}
		if (!answer.correct) missed.push({ answer, question, scenario });
	}

	return {
		score,
		byLure: catalog.bank.lures.flatMap((l) => {
			const t = lure.get(l.id);
			return t ? [{ lure: l, ...t }] : [];
		}),
		scams,
		twins,
		verdicts,
		confidence: confidenceTally(answers.filter((a) => catalog.question.has(a.questionId))),
		missed
	};
}
