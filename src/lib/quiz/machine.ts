/**
 * The quiz machine: the one place where the rules of a drill live. It chooses the deck, unfolds each
 * scenario's script step by step, takes an answer with a confidence, gives feedback, and ends in results;
 * it can be paused, quit and restarted. Components render its snapshot and send it events.
 *
 * The machine is built for one catalog (bank + questions), which its guards and actions close over, so its
 * persisted snapshot holds only ids and answers: small, and checkable against the bank when restored.
 * Events carry their own time (`at`) so that the machine stays pure and its tests deterministic.
 */
import { and, assign, not } from 'xstate';
import { setupMachine } from './machine-setup';
import { questionOf, type Catalog } from './catalog';
import { buildDeck, type DeckSpec } from './deck';
import { choicesOf, grade, isMultiSelect, isValidSelection } from './grade';

export type Confidence = 'sure' | 'unsure';

/**
 * Why a quiz is being taken; stored with every attempt. A `check` is a before/after check: verdict
 * questions answered without feedback, so that taking it does not teach its own answers.
 */
export type QuizMode = 'drill' | 'review' | 'presenter' | 'check';

/** One answered question. */
export interface Answer {
	questionId: string;
	scenarioId: string;
	kind: 'decide' | 'flags' | 'verdict' | 'stop';
	selection: number[];
	correct: boolean;
	confidence: Confidence;
	/** Epoch ms when the answer was submitted. */
	at: number;
	/** Time spent on the question itself (script reading and pauses excluded). */
	elapsedMs: number;
	/** Presenter mode: hands counted per choice (aligned with the question's choices), when counted. */
	counts?: number[];
}

export interface QuizContext {
	/** Identifies this run of a deck; attempt records are keyed by it, so saving twice never duplicates. */
	runId: string;
	mode: QuizMode;
	deck: DeckSpec | null;
	seed: number;
	questionIds: string[];
	index: number;
	/** Script steps shown so far for the current question. */
	revealed: number;
	selection: number[];
	answers: Answer[];
	startedAt: number;
	finishedAt: number | null;
	/** When the current question became answerable (or the clock was last resumed). */
	shownAt: number;
	/** Time already spent on the current question before a pause or a hidden tab. */
	carriedMs: number;
}

export type QuizEvent =
	| { type: 'user.start'; deck: DeckSpec; seed: number; at: number; mode?: QuizMode }
	| { type: 'user.next'; at: number }
	| { type: 'user.showAll'; at: number }
	| { type: 'user.select'; index: number }
	| { type: 'user.toggle'; index: number }
	| { type: 'user.submit'; confidence: Confidence; at: number; counts?: number[] }
	| { type: 'user.pause'; at: number }
	| { type: 'user.resume'; at: number }
	| { type: 'user.restart'; seed: number; at: number }
	| { type: 'user.quit' }
	| { type: 'system.hidden'; at: number }
	| { type: 'system.visible'; at: number }
	| { type: 'system.restored'; at: number };

/** The context of a machine that has no quiz yet. */
export function emptyContext(): QuizContext {
	return {
		runId: '',
		mode: 'drill',
		deck: null,
		seed: 0,
		questionIds: [],
		index: 0,
		revealed: 0,
		selection: [],
		answers: [],
		startedAt: 0,
		finishedAt: null,
		shownAt: 0,
		carriedMs: 0
	};
}

/** Builds the quiz machine for one catalog. */
export function createQuizMachine(catalog: Catalog) {
	const current = (c: QuizContext) => questionOf(catalog, c.questionIds[c.index] ?? '');

	/** A fresh run of `deck` (used by start, restart and retry). */
	function newRun(deck: DeckSpec, seed: number, at: number, mode: QuizMode): Partial<QuizContext> {
		const questionIds = buildDeck(catalog, deck, seed);
		const first = questionIds[0] ? catalog.question.get(questionIds[0]) : undefined;
		return {
			runId: `${seed.toString(36)}-${at.toString(36)}`,
			mode,
			deck,
			seed,
			questionIds,
			index: 0,
			revealed: Math.min(1, first?.visibleSteps ?? 0),
			selection: [],
			answers: [],
			startedAt: at,
			finishedAt: null,
			shownAt: at,
			carriedMs: 0
		};
	}

	return setupMachine({
		types: {
			context: {} as QuizContext,
			events: {} as QuizEvent
		},
		guards: {
			deckHasQuestions: ({ event }) =>
				event.type === 'user.start' && buildDeck(catalog, event.deck, event.seed).length > 0,
			// A check is not run again from its results: the next check is a different form, chosen later.
			canRestart: ({ context }) =>
				context.deck !== null && context.questionIds.length > 0 && context.mode !== 'check',
			isCheck: ({ context }) => context.mode === 'check',
			scriptReady: ({ context }) => context.revealed >= current(context).visibleSteps,
			isChoice: ({ context, event }) =>
				(event.type === 'user.select' || event.type === 'user.toggle') &&
				choicesOf(current(context)).includes(event.index),
			isSingleChoice: ({ context }) => !isMultiSelect(current(context)),
			hasValidSelection: ({ context }) => isValidSelection(current(context), context.selection),
			isLastQuestion: ({ context }) => context.index >= context.questionIds.length - 1
		},
		actions: {
			startRun: assign(({ event }) =>
				event.type === 'user.start'
					? newRun(
							event.deck,
							event.seed,
							event.at,
							// A check deck is always taken as a check, whatever the caller said: its answers are scored
							// as a check and must never show feedback.
							event.deck.kind === 'check' ? 'check' : (event.mode ?? 'drill')
						)
					: {}
			),
			restartRun: assign(({ context, event }) =>
				event.type === 'user.restart' && context.deck
					? newRun(context.deck, event.seed, event.at, context.mode)
					: {}
			),
			revealStep: assign(({ context, event }) => ({
				revealed: Math.min(context.revealed + 1, current(context).visibleSteps),
				shownAt: 'at' in event ? event.at : context.shownAt
			})),
			revealAll: assign(({ context, event }) => ({
				revealed: current(context).visibleSteps,
				shownAt: 'at' in event ? event.at : context.shownAt
			})),
			selectOne: assign(({ event }) => ({
				selection: event.type === 'user.select' ? [event.index] : []
			})),
			toggleStep: assign(({ context, event }) => {
				if (event.type !== 'user.toggle') return {};
				const has = context.selection.includes(event.index);
				const selection = has
					? context.selection.filter((i) => i !== event.index)
					: [...context.selection, event.index].sort((a, b) => a - b);
				return { selection };
			}),
			recordAnswer: assign(({ context, event }) => {
				if (event.type !== 'user.submit') return {};
				const q = current(context);
				const answer: Answer = {
					questionId: q.id,
					scenarioId: q.scenarioId,
					kind: q.kind,
					selection: [...context.selection],
					correct: grade(q, context.selection).correct,
					confidence: event.confidence,
					at: event.at,
					elapsedMs: Math.max(0, context.carriedMs + event.at - context.shownAt),
					...(event.counts ? { counts: [...event.counts] } : {})
				};
				return { answers: [...context.answers, answer] };
			}),
			nextQuestion: assign(({ context, event }) => {
				const index = context.index + 1;
				const prev = current(context);
				const next = questionOf(catalog, context.questionIds[index] ?? '');
				// The script of one scenario unfolds once across its questions; a new scenario starts over.
				const revealed =
					next.scenarioId === prev.scenarioId
						? Math.min(Math.max(context.revealed, 1), next.visibleSteps)
						: Math.min(1, next.visibleSteps);
				return {
					index,
					revealed,
					selection: [],
					carriedMs: 0,
					shownAt: 'at' in event ? event.at : context.shownAt
				};
			}),
			finish: assign(({ event }) => ({ finishedAt: 'at' in event ? event.at : null })),
			stopClock: assign(({ context, event }) => ({
				carriedMs: 'at' in event ? context.carriedMs + Math.max(0, event.at - context.shownAt) : 0
			})),
			startClock: assign(({ event }) => ({ shownAt: 'at' in event ? event.at : 0 })),
			clearQuiz: assign(() => emptyContext())
		}
	}).createMachine({
		id: 'quiz',
		context: emptyContext(),
		initial: 'idle',
		states: {
			idle: {
				on: {
					'user.start': { guard: 'deckHasQuestions', target: 'playing', actions: 'startRun' }
				}
			},
			playing: {
				initial: 'presenting',
				on: {
					'user.pause': { target: 'paused', actions: 'stopClock' },
					'user.quit': { target: 'idle', actions: 'clearQuiz' },
					'system.hidden': { actions: 'stopClock' },
					'system.visible': { actions: 'startClock' },
					'system.restored': { actions: 'startClock' }
				},
				states: {
					presenting: {
						always: { guard: 'scriptReady', target: 'asking' },
						on: {
							'user.next': { actions: 'revealStep' },
							'user.showAll': { actions: 'revealAll' }
						}
					},
					asking: {
						on: {
							'user.select': { guard: and(['isChoice', 'isSingleChoice']), actions: 'selectOne' },
							'user.toggle': {
								guard: and(['isChoice', not('isSingleChoice')]),
								actions: 'toggleStep'
							},
							'user.submit': [
								// A check gives no feedback: the answer is recorded and the next question follows.
								{
									guard: and(['hasValidSelection', 'isCheck', 'isLastQuestion']),
									target: '#quiz.results',
									actions: ['recordAnswer', 'finish']
								},
								{
									guard: and(['hasValidSelection', 'isCheck']),
									target: 'presenting',
									actions: ['recordAnswer', 'nextQuestion']
								},
								{ guard: 'hasValidSelection', target: 'feedback', actions: 'recordAnswer' }
							]
						}
					},
					feedback: {
						on: {
							'user.next': [
								{ guard: 'isLastQuestion', target: '#quiz.results', actions: 'finish' },
								{ target: 'presenting', actions: 'nextQuestion' }
							]
						}
					},
					resume: { type: 'history' }
				}
			},
			paused: {
				on: {
					'user.resume': { target: 'playing.resume', actions: 'startClock' },
					'user.quit': { target: 'idle', actions: 'clearQuiz' }
				}
			},
			results: {
				on: {
					'user.restart': { guard: 'canRestart', target: 'playing', actions: 'restartRun' },
					'user.start': { guard: 'deckHasQuestions', target: 'playing', actions: 'startRun' },
					'user.quit': { target: 'idle', actions: 'clearQuiz' }
				}
			}
		}
	});
}

export type QuizMachine = ReturnType<typeof createQuizMachine>;
