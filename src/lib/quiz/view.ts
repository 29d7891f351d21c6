/**
 * What the quiz screens show, derived from the machine's snapshot: the current question and scenario,
 * progress, and the grade shown as feedback. Pure, so components stay thin and the rules stay testable.
 */
import type { SnapshotFrom } from 'xstate';
import type { Question } from '$lib/scenarios/generate';
import type { DrillScenario } from '$lib/scenarios/schema';
import type { Catalog } from './catalog';
import { m, localText, verdictChoice, messageNumbers } from '$lib/i18n';
import { grade, isValidSelection, type Grade } from './grade';
import type { Answer, QuizMachine } from './machine';
import { shownChoices } from './order';

export type QuizSnapshot = SnapshotFrom<QuizMachine>;

/** The screen the trainer shows for a snapshot. */
export type Screen = 'choose' | 'presenting' | 'asking' | 'feedback' | 'paused' | 'results';

export function screenOf(snapshot: QuizSnapshot): Screen {
	if (snapshot.matches('idle')) return 'choose';
	if (snapshot.matches('paused')) return 'paused';
	if (snapshot.matches('results')) return 'results';
	if (snapshot.matches({ playing: 'presenting' })) return 'presenting';
	if (snapshot.matches({ playing: 'asking' })) return 'asking';
	return 'feedback';
}

export interface QuestionView {
	question: Question;
	scenario: DrillScenario;
	/** 1-based position and deck size, for the progress bar. */
	position: number;
	total: number;
	answered: number;
	correct: number;
	/** Script steps shown now. */
	revealed: number;
	/**
	 * The question's choices (authored indices) in the order they are shown and numbered: a decide
	 * question's options are shuffled by the drill's seed. Selections always hold authored indices.
	 */
	choices: readonly number[];
	selection: readonly number[];
	canSubmit: boolean;
	/** The last answer and its grade, on the feedback screen. */
	answer: Answer | null;
	grade: Grade | null;
}

/** The progress line's numbers: questions done (the bar's value), and the score. */
export interface Progress {
	done: number;
	correct: number;
	answered: number;
}

/**
 * The progress line's numbers on a screen (`feedback`: the feedback screen). `counted`: whether the latest
 * answer is counted yet. The player counts it once its feedback is painted (see QuizPlayer), so until
 * then the bar and the score stand where they stood before that answer.
 */
export function progressOf(
	view: Pick<QuestionView, 'position' | 'answered' | 'correct' | 'answer'>,
	feedback: boolean,
	counted: boolean
): Progress {
	const held = view.answer !== null && !counted;
	return {
		done: view.position - (feedback && !held ? 0 : 1),
		correct: view.correct - (held && view.answer?.correct ? 1 : 0),
		answered: view.answered - (held ? 1 : 0)
	};
}

/** Each question's shown order for the last seed it was asked with. */
const shownOrder = new WeakMap<Question, { seed: number; choices: readonly number[] }>();

/**
 * The question's shown order, the same array for every step of the question: the screens compare it by
 * identity, so that a step that changes nothing else (a script step, a pick) does not redraw the choices.
 */
function choicesOf(question: Question, seed: number): readonly number[] {
	const known = shownOrder.get(question);
	if (known?.seed === seed) return known.choices;
	const choices = shownChoices(question, seed);
	shownOrder.set(question, { seed, choices });
	return choices;
}

/** The view of the current question, or null when no question is open. */
export function questionView(catalog: Catalog, snapshot: QuizSnapshot): QuestionView | null {
	const c = snapshot.context;
	const question = catalog.question.get(c.questionIds[c.index] ?? '');
	const scenario = question && catalog.scenario.get(question.scenarioId);
	if (!question || !scenario || snapshot.matches('idle')) return null;
	const feedback = snapshot.matches({ playing: 'feedback' });
	const answer = feedback ? (c.answers.at(-1) ?? null) : null;
	return {
		question,
		scenario,
		position: c.index + 1,
		total: c.questionIds.length,
		answered: c.answers.length,
		correct: c.answers.filter((a) => a.correct).length,
		revealed: c.revealed,
		choices: choicesOf(question, c.seed),
		selection: c.selection,
		canSubmit: isValidSelection(question, c.selection),
		answer,
		grade: answer ? grade(question, answer.selection) : null
	};
}

/** What a question asks, in words: a decision's own prompt, or the instruction for its kind. */
export function promptOf(q: Question): string {
	switch (q.kind) {
		case 'decide':
			return localText(q.prompt);
		case 'verdict':
			return m.quiz_verdictHelp();
		case 'flags':
			return m.quiz_flagsHelp();
		case 'stop':
			return m.quiz_stopHelp();
	}
}

/** The label of one choice (an authored index): an option's text, a verdict, or a message number. */
export function choiceLabel(q: Question, choice: number): string {
	if (q.kind === 'decide') {
		const option = q.options[choice];
		return option ? localText(option.text) : '';
	}
	if (q.kind === 'verdict') return verdictChoice(choice) ?? '';
	return messageNumbers([choice + 1]);
}

/** One choice as a list draws it: its identity (authored index) and its label. */
export interface ChoiceItem {
	choice: number;
	label: string;
}

/** The current question's choices with their labels, in the shown order (position n is key n + 1). */
export function choiceItems(view: Pick<QuestionView, 'question' | 'choices'>): ChoiceItem[] {
	return view.choices.map((choice) => ({ choice, label: choiceLabel(view.question, choice) }));
}
