/**
 * Question generation: one lure script becomes several practice questions. Pure and deterministic — the
 * same bank always gives the same questions with the same ids, because stored progress refers to those ids.
 */
import type { Bank, DrillScenario, LocalText, Verdict } from './schema';

/** The four kinds of question a script can be turned into. */
export const QUESTION_KINDS = ['decide', 'flags', 'verdict', 'stop'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

interface QuestionBase {
	/** Stable id: `<scenario id>/<kind>[/<decision id>]`. */
	id: string;
	kind: QuestionKind;
	scenarioId: string;
	/** How many script steps (from the start) are shown with the question. */
	visibleSteps: number;
}

/** "What do you do now?" at a decision point: pick one option; any safe option is right. */
export interface DecideQuestion extends QuestionBase {
	kind: 'decide';
	decisionId: string;
	prompt: LocalText;
	options: readonly { text: LocalText; safe: boolean; outcome: LocalText }[];
}

/** "Spot the red flags": choose every step that gives the scam away. */
export interface FlagsQuestion extends QuestionBase {
	kind: 'flags';
	/** Steps (0-based) the learner may choose: every step not spoken by the learner. */
	choices: readonly number[];
	/** Steps (0-based) that show at least one red flag. */
	answer: readonly number[];
}

/** "Scam or legitimate?" after the whole script. */
export interface VerdictQuestion extends QuestionBase {
	kind: 'verdict';
	answer: Verdict;
}

/** "Where should you have stopped?": the earliest step that shows a decisive red flag. */
export interface StopQuestion extends QuestionBase {
	kind: 'stop';
	choices: readonly number[];
	answer: number;
}

export type Question = DecideQuestion | FlagsQuestion | VerdictQuestion | StopQuestion;

/** The id of one question, built the same way everywhere. */
export function questionId(scenarioId: string, kind: QuestionKind, decisionId?: string): string {
	return decisionId ? `${scenarioId}/${kind}/${decisionId}` : `${scenarioId}/${kind}`;
}

/** Steps that are not the learner's own lines: the only ones that can show a red flag. */
function otherSteps(s: DrillScenario): number[] {
	return s.steps.flatMap((step, i) => (step.from === 'you' ? [] : [i]));
}

/** Turns one scenario into its questions, in a fixed order. */
export function questionsFor(s: DrillScenario, decisive: ReadonlySet<string>): Question[] {
	const all = s.steps.length;
	const out: Question[] = s.decisions.map((d) => ({
		id: questionId(s.id, 'decide', d.id),
		kind: 'decide',
		scenarioId: s.id,
		visibleSteps: d.after_step,
		decisionId: d.id,
		prompt: d.prompt,
		options: d.options
	}));
	out.push({
		id: questionId(s.id, 'verdict'),
		kind: 'verdict',
		scenarioId: s.id,
		visibleSteps: all,
		answer: s.verdict
	});
	if (s.verdict === 'scam') {
		const flagged = s.steps.flatMap((step, i) => (step.flags.length > 0 ? [i] : []));
		out.push({
			id: questionId(s.id, 'flags'),
			kind: 'flags',
			scenarioId: s.id,
			visibleSteps: all,
			choices: otherSteps(s),
			answer: flagged
		});
		const stop = s.steps.findIndex((step) => step.flags.some((f) => decisive.has(f)));
		if (stop >= 0)
			out.push({
				id: questionId(s.id, 'stop'),
				kind: 'stop',
				scenarioId: s.id,
				visibleSteps: all,
				choices: otherSteps(s),
				answer: stop
			});
	}
	return out;
}

/** Every question of the bank, scenario by scenario in the bank's (file-name) order. */
export function generateQuestions(bank: Bank): Question[] {
	const decisive = new Set(bank.redFlags.filter((f) => f.decisive).map((f) => f.id));
	return bank.scenarios.flatMap((s) => questionsFor(s, decisive));
}
