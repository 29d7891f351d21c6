/**
 * The session machine: the rules of one live room. A room moves lobby → question open → closed → reveal →
 * discussion → next question … → report; players join (late joins too) and answer each open question once.
 *
 * Every event carries its own time (`at`) and every id it needs (the player id, the token's hash), so the
 * machine is a pure function of its event list: the store persists the events, and replaying them after a
 * restart rebuilds the room exactly. Timers are events too (`timer.expired`, sent by the room registry),
 * not delayed transitions, for the same reason.
 *
 * A session may open with a check and close with one (the matched forms A and B): in a check every phone
 * answers every item at its own pace, "scam or genuine?" with how sure it is, and nothing is revealed.
 *
 * The machine is built for one catalog; questions are graded with the quiz's own `grade()`.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { questionOf, type Catalog } from '$lib/quiz/catalog';
import { choicesOf, grade, isValidSelection } from '$lib/quiz/grade';
import { hashText } from '$lib/quiz/order';
import {
	POINTS_CORRECT,
	POINTS_SPEED_MAX,
	SPEED_WINDOW_SECONDS,
	type CheckStage,
	type ErrorCode,
	type Phase,
	type RoomOptions
} from '$lib/live/protocol';

export interface LivePlayer {
	id: string;
	nickname: string;
	/** The nickname's skeleton (`nicknameKey`), for uniqueness. */
	key: string;
	/** SHA-256 of the player's token: the token itself is never stored. */
	tokenHash: string;
	joinedAt: number;
	/** Points from closed questions only, so nobody's score gives an answer away while a question is open. */
	score: number;
}

export interface LiveAnswer {
	playerId: string;
	selection: number[];
	correct: boolean;
	/** Points this answer earns when the question closes (0 when wrong). */
	points: number;
	at: number;
}

/** One answer to one check item. */
export interface CheckEntry {
	said: 'scam' | 'legitimate';
	confidence: 'sure' | 'unsure';
	at: number;
}

/** One check of the session: its form, its items (scenario ids) and everyone's answers. */
export interface RoomCheck {
	form: string;
	items: string[];
	/** Answers by player id, then by item index (a hole: not answered yet). */
	answers: Map<string, (CheckEntry | undefined)[]>;
	/** Item answers so far, and players who answered every item (kept as they come, for the host). */
	count: number;
	finished: number;
}

/** A check as the room's first event records it. */
export interface CheckPlan {
	form: string;
	items: string[];
}

export interface SessionContext {
	code: string;
	options: RoomOptions;
	questionIds: string[];
	/** Orders each question's options (see `shownChoices`); recorded at creation, so a replay shows the same. */
	seed: number;
	createdAt: number;
	/** Players by id. Maps, not objects: a nickname such as `__proto__` or an id is just a key. */
	players: Map<string, LivePlayer>;
	/** Player ids in join order. */
	playerIds: string[];
	/** Nickname skeleton (`nicknameKey`) → player id. */
	nicknames: Map<string, string>;
	/** Current question (−1 in the lobby). */
	index: number;
	openedAt: number;
	deadline: number | null;
	/** Answers by question index, then by player id. */
	answers: Map<string, LiveAnswer>[];
	/** Tally counts by question index, aligned with `choicesOf(question)`. */
	counts: number[][];
	endedAt: number | null;
	/** The before- and after-check, when the session has them. */
	checks: { pre: RoomCheck | null; post: RoomCheck | null };
}

export type SessionEvent =
	| {
			type: 'system.create';
			code: string;
			options: RoomOptions;
			questionIds: string[];
			/** The room's seed (absent in rooms created before options were shuffled: the code stands in). */
			seed?: number;
			/** The checks' forms and items, fixed at creation (absent: no checks). */
			checks?: { pre?: CheckPlan; post?: CheckPlan };
			at: number;
	  }
	| {
			type: 'player.check';
			playerId: string;
			stage: CheckStage;
			item: number;
			said: 'scam' | 'legitimate';
			confidence: 'sure' | 'unsure';
			at: number;
	  }
	| {
			type: 'player.join';
			playerId: string;
			nickname: string;
			key: string;
			tokenHash: string;
			at: number;
	  }
	| {
			type: 'player.answer';
			playerId: string;
			questionIndex: number;
			selection: number[];
			at: number;
	  }
	| { type: 'host.start'; at: number }
	| { type: 'host.close'; at: number }
	| { type: 'host.reveal'; at: number }
	| { type: 'host.discuss'; at: number }
	| { type: 'host.next'; at: number }
	| { type: 'host.end'; at: number }
	| { type: 'timer.expired'; questionIndex: number; at: number };

export type SessionEventType = SessionEvent['type'];

/** The context of a room that has not been created yet. */
export function emptySessionContext(): SessionContext {
	return {
		code: '',
		options: {
			deck: { kind: 'quick' },
			timer: { enabled: false, seconds: 30 },
			scoring: 'correctness',
			names: 'nicknames'
		},
		questionIds: [],
		seed: 0,
		createdAt: 0,
		players: new Map(),
		playerIds: [],
		nicknames: new Map(),
		index: -1,
		openedAt: 0,
		deadline: null,
		answers: [],
		counts: [],
		endedAt: null,
		checks: { pre: null, post: null }
	};
}

function roomCheck(plan: CheckPlan | undefined): RoomCheck | null {
	return plan
		? { form: plan.form, items: [...plan.items], answers: new Map(), count: 0, finished: 0 }
		: null;
}

/** Points for a right answer given `elapsedMs` after the question opened. */
export function pointsFor(options: RoomOptions, correct: boolean, elapsedMs: number): number {
	if (!correct) return 0;
	if (options.scoring === 'correctness') return POINTS_CORRECT;
	const windowMs = (options.timer.enabled ? options.timer.seconds : SPEED_WINDOW_SECONDS) * 1000;
	const left = Math.max(0, 1 - Math.max(0, elapsedMs) / windowMs);
	return POINTS_CORRECT + Math.round(POINTS_SPEED_MAX * left);
}

/** Builds the session machine for one catalog. */
export function createSessionMachine(catalog: Catalog) {
	const questionAt = (c: SessionContext, index: number) =>
		questionOf(catalog, c.questionIds[index] ?? '');

	/** Opens question `index`: a fresh answer book and tally, and the timer's deadline. */
	function open(c: SessionContext, index: number, at: number): Partial<SessionContext> {
		const choices = choicesOf(questionAt(c, index));
		const answers = [...c.answers];
		const counts = [...c.counts];
		answers[index] = new Map();
		counts[index] = choices.map(() => 0);
		return {
			index,
			openedAt: at,
			deadline: c.options.timer.enabled ? at + c.options.timer.seconds * 1000 : null,
			answers,
			counts
		};
	}

	return setup({
		types: {
			context: {} as SessionContext,
			events: {} as SessionEvent
		},
		guards: {
			hasQuestions: ({ event }) => event.type === 'system.create' && event.questionIds.length > 0,
			canJoin: ({ context, event }) =>
				event.type === 'player.join' && joinRefusal(context, event) === null,
			canAnswer: ({ context, event }) =>
				event.type === 'player.answer' && answerRefusal(catalog, context, event, true) === null,
			isCurrentTimer: ({ context, event }) =>
				event.type === 'timer.expired' && event.questionIndex === context.index,
			isLastQuestion: ({ context }) => context.index >= context.questionIds.length - 1,
			hasPreCheck: ({ context }) => context.checks.pre !== null,
			hasPostCheck: ({ context }) => context.checks.post !== null,
			isLastWithPostCheck: ({ context }) =>
				context.index >= context.questionIds.length - 1 && context.checks.post !== null,
			canCheckPre: ({ context, event }) =>
				event.type === 'player.check' && checkRefusal(context, event, 'pre') === null,
			canCheckPost: ({ context, event }) =>
				event.type === 'player.check' && checkRefusal(context, event, 'post') === null
		},
		actions: {
			createRoom: assign(({ event }) =>
				event.type === 'system.create'
					? {
							code: event.code,
							options: event.options,
							questionIds: event.questionIds,
							seed: event.seed ?? hashText(event.code),
							checks: { pre: roomCheck(event.checks?.pre), post: roomCheck(event.checks?.post) },
							createdAt: event.at,
							players: new Map(),
							nicknames: new Map(),
							playerIds: []
						}
					: {}
			),
			addPlayer: assign(({ context, event }) => {
				if (event.type !== 'player.join') return {};
				const player: LivePlayer = {
					id: event.playerId,
					nickname: event.nickname,
					key: event.key,
					tokenHash: event.tokenHash,
					joinedAt: event.at,
					score: 0
				};
				// Extended in place, like the answer book: copying a 2,000-player map on every join made a
				// full room's joins (and its replay after a restart) quadratic, over a second of CPU.
				context.players.set(player.id, player);
				context.nicknames.set(player.key, player.id);
				return { playerIds: [...context.playerIds, player.id] };
			}),
			openFirst: assign(({ context, event }) => open(context, 0, event.at)),
			openNext: assign(({ context, event }) => open(context, context.index + 1, event.at)),
			recordAnswer: assign(({ context, event }) => {
				if (event.type !== 'player.answer') return {};
				const q = questionAt(context, context.index);
				const correct = grade(q, event.selection).correct;
				const answer: LiveAnswer = {
					playerId: event.playerId,
					selection: [...event.selection],
					correct,
					points: pointsFor(context.options, correct, event.at - context.openedAt),
					at: event.at
				};
				const choices = choicesOf(q);
				const counts = [...context.counts];
				const row = [...(counts[context.index] ?? [])];
				for (const pick of event.selection) {
					const i = choices.indexOf(pick);
					if (i >= 0) row[i] = (row[i] ?? 0) + 1;
				}
				counts[context.index] = row;
				// The answer book of the open question is extended in place: copying it for each of 2,000
				// answers would make a question quadratic, and no earlier snapshot is ever read again.
				const book = context.answers[context.index];
				book?.set(event.playerId, answer);
				return { counts };
			}),
			scoreQuestion: assign(({ context }) => {
				const book = context.answers[context.index] ?? new Map<string, LiveAnswer>();
				const players = new Map(context.players);
				for (const answer of book.values()) {
					const p = players.get(answer.playerId);
					if (p && answer.points > 0) players.set(p.id, { ...p, score: p.score + answer.points });
				}
				return { players, deadline: null };
			}),
			recordCheck: ({ context, event }) => {
				if (event.type !== 'player.check') return;
				const check = context.checks[event.stage];
				if (!check) return;
				// Extended in place like the answer book: a check is a dozen answers from every phone.
				let row = check.answers.get(event.playerId);
				if (!row) {
					row = new Array<CheckEntry | undefined>(check.items.length).fill(undefined);
					check.answers.set(event.playerId, row);
				}
				row[event.item] = { said: event.said, confidence: event.confidence, at: event.at };
				check.count += 1;
				if (row.every((e) => e !== undefined)) check.finished += 1;
			},
			finish: assign(({ event }) => ({ endedAt: event.at }))
		}
	}).createMachine({
		id: 'live',
		// A function, so each room gets its own maps (they are extended in place).
		context: () => emptySessionContext(),
		initial: 'idle',
		states: {
			idle: {
				on: {
					'system.create': { guard: 'hasQuestions', target: 'session', actions: 'createRoom' }
				}
			},
			session: {
				initial: 'lobby',
				on: {
					'player.join': { guard: 'canJoin', actions: 'addPlayer' },
					'host.end': { target: 'report', actions: 'finish' }
				},
				states: {
					lobby: {
						on: {
							'host.start': [
								{ guard: 'hasPreCheck', target: 'preCheck' },
								{ target: 'open', actions: 'openFirst' }
							]
						}
					},
					preCheck: {
						on: {
							'player.check': { guard: 'canCheckPre', actions: 'recordCheck' },
							'host.next': { target: 'open', actions: 'openFirst' }
						}
					},
					open: {
						on: {
							'player.answer': { guard: 'canAnswer', actions: 'recordAnswer' },
							'host.close': { target: 'closed', actions: 'scoreQuestion' },
							'timer.expired': {
								guard: 'isCurrentTimer',
								target: 'closed',
								actions: 'scoreQuestion'
							},
							// Ending the training early still leaves time for the after-check, when there is one.
							'host.end': [
								{ guard: 'hasPostCheck', target: 'postCheck', actions: 'scoreQuestion' },
								{ target: '#live.report', actions: ['scoreQuestion', 'finish'] }
							]
						}
					},
					closed: {
						on: {
							'host.reveal': { target: 'reveal' },
							'host.end': [
								{ guard: 'hasPostCheck', target: 'postCheck' },
								{ target: '#live.report', actions: 'finish' }
							]
						}
					},
					reveal: {
						on: {
							'host.discuss': { target: 'discussion' },
							'host.next': [
								{ guard: 'isLastWithPostCheck', target: 'postCheck' },
								{ guard: 'isLastQuestion', target: '#live.report', actions: 'finish' },
								{ target: 'open', actions: 'openNext' }
							],
							'host.end': [
								{ guard: 'hasPostCheck', target: 'postCheck' },
								{ target: '#live.report', actions: 'finish' }
							]
						}
					},
					discussion: {
						on: {
							'host.next': [
								{ guard: 'isLastWithPostCheck', target: 'postCheck' },
								{ guard: 'isLastQuestion', target: '#live.report', actions: 'finish' },
								{ target: 'open', actions: 'openNext' }
							],
							'host.end': [
								{ guard: 'hasPostCheck', target: 'postCheck' },
								{ target: '#live.report', actions: 'finish' }
							]
						}
					},
					postCheck: {
						on: {
							'player.check': { guard: 'canCheckPost', actions: 'recordCheck' },
							'host.next': { target: '#live.report', actions: 'finish' }
						}
					}
				}
			},
			report: {}
		}
	});
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;
export type SessionSnapshot = SnapshotFrom<SessionMachine>;

/** The phase of a room, as clients name it. */
export function phaseOf(snapshot: SessionSnapshot): Phase {
	if (snapshot.matches('report')) return 'report';
	if (checkStageOf(snapshot) !== null) return 'check';
	if (snapshot.matches({ session: 'open' })) return 'open';
	if (snapshot.matches({ session: 'closed' })) return 'closed';
	if (snapshot.matches({ session: 'reveal' })) return 'reveal';
	if (snapshot.matches({ session: 'discussion' })) return 'discussion';
	return 'lobby';
}

/** The check that is open, or null outside a check. */
export function checkStageOf(snapshot: SessionSnapshot): CheckStage | null {
	if (snapshot.matches({ session: 'preCheck' })) return 'pre';
	if (snapshot.matches({ session: 'postCheck' })) return 'post';
	return null;
}

/**
 * Why a check answer would be refused, or null. `open` is the check the room has open (null outside a
 * check): an answer to any other check is `not-in-check`.
 */
export function checkRefusal(
	context: SessionContext,
	event: Extract<SessionEvent, { type: 'player.check' }>,
	open: CheckStage | null
): ErrorCode | null {
	if (!context.players.has(event.playerId)) return 'player-not-found';
	if (open === null || event.stage !== open) return 'not-in-check';
	const check = context.checks[open];
	if (!check) return 'not-in-check';
	if (event.item >= check.items.length) return 'invalid-answer';
	if (check.answers.get(event.playerId)?.[event.item] !== undefined) return 'already-answered';
	return null;
}

/** Why a join would be refused, or null. */
export function joinRefusal(
	context: SessionContext,
	event: Extract<SessionEvent, { type: 'player.join' }>
): ErrorCode | null {
	if (context.players.has(event.playerId)) return 'invalid-body';
	if (context.nicknames.has(event.key)) return 'nickname-taken';
	return null;
}

/**
 * Why an answer would be refused, or null. `open` says whether the room is taking answers at all; the
 * machine only asks this inside its open state, the registry asks it from any phase to name the reason.
 */
export function answerRefusal(
	catalog: Catalog,
	context: SessionContext,
	event: Extract<SessionEvent, { type: 'player.answer' }>,
	open: boolean
): ErrorCode | null {
	if (!context.players.has(event.playerId)) return 'player-not-found';
	if (event.questionIndex >= context.questionIds.length) return 'invalid-answer';
	if (event.questionIndex > context.index) return 'wrong-phase';
	if (context.answers[event.questionIndex]?.has(event.playerId)) return 'already-answered';
	if (!open || event.questionIndex < context.index) return 'question-closed';
	if (context.deadline !== null && event.at > context.deadline) return 'question-closed';
	const q = questionOf(catalog, context.questionIds[event.questionIndex] ?? '');
	if (!isValidSelection(q, event.selection)) return 'invalid-answer';
	return null;
}
