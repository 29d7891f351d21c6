/**
 * The player's phone: joining and rejoining a room, answering, where the player's token is kept, and the
 * view state built from the room's events (a pure reducer). The page only renders this.
 */
import type { QuestionKind } from '$lib/scenarios/generate';
import { API, phaseFields, readStored, request, storages, writeStored } from './client';
import type {
	AnswerResponse,
	CheckBody,
	CheckReply,
	CheckResponse,
	FinalResult,
	JoinBody,
	JoinResponse,
	LiveEvent,
	PlayerView,
	RoomInfo
} from './protocol';

/** A player's credentials in one room. */
export interface PlayerKey {
	playerId: string;
	token: string;
}

/** The player's screen: the last full view kept up to date by events, plus the final rank. */
export interface PlayerState {
	view: PlayerView;
	/** The highest event id applied; older events are skipped. */
	seq: number;
	clockOffset: number;
	final: FinalResult | null;
}

/** Starts the state from a full view (a snapshot, or the room in the join response). */
export function fromPlayerView(view: PlayerView, receivedAt: number): PlayerState {
	return { view, seq: view.seq, clockOffset: view.at - receivedAt, final: view.final };
}

/** Applies one event; applying one twice changes nothing, and events older than the state are skipped. */
export function playerReducer(
	state: PlayerState | null,
	e: LiveEvent,
	receivedAt: number
): PlayerState | null {
	if (e.event === 'snapshot') {
		if (e.data.role !== 'player') return state;
		if (state && e.id < state.seq) return state;
		const next = fromPlayerView(e.data, receivedAt);
		return { ...next, final: next.final ?? state?.final ?? null };
	}
	if (!state || e.id < state.seq) return state;
	const seq = Math.max(state.seq, e.id);
	const view = state.view;
	switch (e.event) {
		case 'phase': {
			const changed = e.data.questionIndex !== view.questionIndex;
			return {
				...state,
				seq,
				view: {
					...view,
					...phaseFields(e.data),
					answer: changed ? null : view.answer,
					reveal: changed || e.data.phase === 'open' ? null : view.reveal,
					result: changed || e.data.phase === 'open' ? null : view.result,
					checkAnswers: checkAnswersFor(view, e.data.check)
				}
			};
		}
		case 'check-answered':
			return { ...state, seq, view: withCheckReply(view, e.data) };
		case 'answered':
			if (e.data.questionIndex !== view.questionIndex) return state;
			return { ...state, seq, view: { ...view, answer: e.data.selection } };
		case 'reveal':
			if (e.data.questionIndex !== view.questionIndex) return state;
			return { ...state, seq, view: { ...view, reveal: e.data } };
		case 'result':
			if (e.data.questionIndex !== view.questionIndex) return state;
			return {
				...state,
				seq,
				view: {
					...view,
					result: e.data,
					answer: e.data.selection ?? view.answer,
					me: { ...view.me, score: e.data.score }
				}
			};
		case 'final':
			return {
				...state,
				seq,
				final: e.data,
				view: { ...view, phase: 'report', me: { ...view.me, score: e.data.score } }
			};
		default:
			return state;
	}
}

/** The player's check answers after a phase change: kept within the same check, fresh for a new one. */
function checkAnswersFor(view: PlayerView, check: PlayerView['check']): PlayerView['checkAnswers'] {
	if (!check) return null;
	if (view.check?.stage === check.stage && view.checkAnswers) return view.checkAnswers;
	return check.items.map(() => null);
}

/** The view with one more check answer (the server's confirmation, or a stream's echo of it). */
export function withCheckReply(view: PlayerView, reply: CheckReply): PlayerView {
	if (view.phase !== 'check' || view.check?.stage !== reply.stage) return view;
	const answers = [...(view.checkAnswers ?? view.check.items.map(() => null))];
	if (reply.item >= answers.length) return view;
	answers[reply.item] = reply;
	return { ...view, checkAnswers: answers };
}

/** The first check item not answered yet, or null when every item is. */
export function nextCheckItem(view: PlayerView): number | null {
	if (view.phase !== 'check' || !view.check) return null;
	const answers = view.checkAnswers ?? [];
	const i = view.check.items.findIndex((_, item) => !answers[item]);
	return i < 0 ? null : i;
}

/** Marks the current question as answered (after the server accepted the answer). */
export function withAnswer(
	state: PlayerState,
	questionIndex: number,
	selection: number[]
): PlayerState {
	if (state.view.questionIndex !== questionIndex) return state;
	return { ...state, view: { ...state.view, answer: selection } };
}

/** Adds or removes one choice of a multi-select answer, keeping the choices' order. */
export function toggleChoice(selection: readonly number[], choice: number): number[] {
	return selection.includes(choice)
		? selection.filter((c) => c !== choice)
		: [...selection, choice].sort((a, b) => a - b);
}

/**
 * The choice a number key picks: the n-th option (decide, verdict), or message n (flags, stop), as in the
 * solo trainer; null when the key picks nothing offered.
 */
export function choiceForKey(
	kind: QuestionKind,
	choices: readonly number[],
	key: string
): number | null {
	if (!/^[1-9]$/.test(key)) return null;
	const n = Number(key) - 1;
	const choice = kind === 'decide' || kind === 'verdict' ? choices[n] : n;
	return choice !== undefined && choices.includes(choice) ? choice : null;
}

// ---------------------------------------------------------------------------------------------------
// Requests

const room = (code: string) => `${API}/${encodeURIComponent(code)}`;

/** Public facts about a room (phase, anonymous or not), before joining. */
export function roomInfo(code: string): Promise<RoomInfo> {
	return request<RoomInfo>(room(code));
}

/** Joins with a nickname, or rejoins with a token. */
export function joinRoom(code: string, body: JoinBody): Promise<JoinResponse> {
	return request<JoinResponse>(`${room(code)}/join`, body);
}

/** Sends an answer to the open question. */
export function sendAnswer(
	code: string,
	key: PlayerKey,
	questionIndex: number,
	selection: number[]
): Promise<AnswerResponse> {
	return request<AnswerResponse>(`${room(code)}/answer`, { ...key, questionIndex, selection });
}

/** Sends an answer to one item of the open check. */
export function sendCheck(
	code: string,
	key: PlayerKey,
	answer: Omit<CheckBody, 'playerId' | 'token'>
): Promise<CheckResponse> {
	return request<CheckResponse>(`${room(code)}/check`, { ...key, ...answer });
}

/** The player's event stream. */
export function playerEventsUrl(code: string, key: PlayerKey): string {
	const q = new URLSearchParams({ player: key.playerId, token: key.token });
	return `${room(code)}/events?${q}`;
}

// ---------------------------------------------------------------------------------------------------
// What the phone keeps

const playerKeyName = (code: string) => `fraud-drill:live:player:${code}`;

/** Keeps the player's credentials for this room, so a reload rejoins as the same player. */
export function savePlayerKey(code: string, key: PlayerKey): void {
	writeStored(storages().local, playerKeyName(code), key);
}

/** The player's credentials for this room, if this phone joined it before. */
export function loadPlayerKey(code: string): PlayerKey | null {
	const key = readStored<PlayerKey>(storages().local, playerKeyName(code));
	return key && typeof key.playerId === 'string' && typeof key.token === 'string' ? key : null;
}

/** Forgets credentials the server no longer knows. */
export function forgetPlayerKey(code: string): void {
	try {
		storages().local?.removeItem(playerKeyName(code));
	} catch {
		// Storage off: nothing was kept.
	}
}
