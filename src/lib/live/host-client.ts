/**
 * The host screen's logic: requests that need the host secret, where the secret is kept, the view state
 * built from the room's events (a pure reducer), the presenter's "next step" order, and the figures the
 * charts draw. The page only renders this and sends what the presenter clicks.
 */
import type { Bar } from '$lib/components/chart';
import { m, localText, verdictChoice } from '$lib/i18n';
import type { Catalog } from '$lib/quiz/catalog';
import type { DeckSpec } from '$lib/quiz/deck';
import { API, phaseFields, readStored, request, storages, writeStored } from './client';
import { joinPath } from './protocol';
import type {
	ClaimBody,
	ClaimResponse,
	CreateRoomResponse,
	HandoverResponse,
	HostAction,
	HostResponse,
	HostView,
	JoinUrlResponse,
	LiveEvent,
	LiveQuestion,
	Phase,
	RoomOptionsInput,
	Tally
} from './protocol';

// ---------------------------------------------------------------------------------------------------
// State

/** What the host screen draws: the last full view, kept up to date by events. */
export interface HostState {
	view: HostView;
	/** The highest event id applied; older events (in flight when a newer view arrived) are skipped. */
	seq: number;
	/** Server clock minus ours, so a countdown to a server deadline is right on a skewed laptop. */
	clockOffset: number;
}

/** Starts the state from a full view (a snapshot, or the room in a command's response). */
export function fromView(view: HostView, receivedAt: number): HostState {
	return { view, seq: view.seq, clockOffset: view.at - receivedAt };
}

/**
 * Applies one event. Events repeat what a later view already holds (a command's response can overtake
 * the stream), so applying one twice changes nothing, and any event older than the state is skipped.
 */
export function hostReducer(
	state: HostState | null,
	e: LiveEvent,
	receivedAt: number
): HostState | null {
	if (e.event === 'snapshot') {
		if (e.data.role !== 'host') return state;
		return state && e.id < state.seq ? state : fromView(e.data, receivedAt);
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
					// A new question starts with no answers and nothing revealed.
					tally: changed ? null : view.tally,
					reveal: changed || e.data.phase === 'open' ? null : view.reveal,
					// A check's count comes with its own event; it means nothing outside the check.
					checkProgress:
						e.data.phase === 'check' && view.checkProgress?.stage === e.data.check?.stage
							? view.checkProgress
							: null
				}
			};
		}
		case 'check-progress':
			if (view.phase !== 'check' || view.check?.stage !== e.data.stage) return state;
			return { ...state, seq, view: { ...view, checkProgress: e.data } };
		case 'player-joined': {
			const known = view.players.some((p) => p.id === e.data.player.id);
			return {
				...state,
				seq,
				view: { ...view, players: known ? view.players : [...view.players, e.data.player] }
			};
		}
		case 'tally':
			if (e.data.questionIndex !== view.questionIndex) return state;
			return { ...state, seq, view: { ...view, tally: e.data } };
		case 'reveal': {
			if (e.data.questionIndex !== view.questionIndex) return state;
			// The leaderboard carries fresh scores; keep the players list's scores in step with it.
			const scores = new Map(e.data.leaderboard.map((p) => [p.id, p.score]));
			const players = view.players.map((p) => ({ ...p, score: scores.get(p.id) ?? p.score }));
			return {
				...state,
				seq,
				view: { ...view, reveal: e.data, tally: e.data.tally, players }
			};
		}
		case 'report':
			return { ...state, seq, view: { ...view, phase: 'report', report: e.data } };
		default:
			return state;
	}
}

/**
 * The presenter's next step from each phase, in the order a clicker walks them:
 * start → close → reveal → discuss → next → … → (after the last question) the report.
 */
export function nextAction(phase: Phase): HostAction | null {
	switch (phase) {
		case 'lobby':
			return 'start';
		case 'check':
			return 'next';
		case 'open':
			return 'close';
		case 'closed':
			return 'reveal';
		case 'reveal':
			return 'discuss';
		case 'discussion':
			return 'next';
		case 'report':
			return null;
	}
}

/** True on the last question, where "next" shows the report. */
export function isLastQuestion(view: HostView): boolean {
	return view.questionIndex >= view.questionCount - 1;
}

// ---------------------------------------------------------------------------------------------------
// Requests

/** Creates a room. */
export function createRoom(options: RoomOptionsInput): Promise<CreateRoomResponse> {
	return request<CreateRoomResponse>(API, options);
}

/** Runs a host command. */
export function hostCommand(
	code: string,
	secret: string,
	action: HostAction
): Promise<HostResponse> {
	return request<HostResponse>(`${API}/${encodeURIComponent(code)}/host`, { secret, action });
}

/**
 * The host's full view, without a stream (checks the host cookie and that the room exists). The browser
 * sends the room's HttpOnly host cookie by itself; the secret never goes into a URL.
 */
export function fetchHostView(code: string): Promise<HostView> {
	return request<HostView>(`${API}/${encodeURIComponent(code)}/host`);
}

/**
 * Makes this browser the room's host and gives it the host cookie: with the secret it holds (renews the
 * cookie), or with a one-time handover code from the host screen (takes the room over; a new secret).
 */
export function claimHost(code: string, body: ClaimBody): Promise<ClaimResponse> {
	return request<ClaimResponse>(`${API}/${encodeURIComponent(code)}/claim`, body);
}

/** Asks for a one-time code that hands the room to another device. */
export function requestHandover(code: string, secret: string): Promise<HandoverResponse> {
	return request<HandoverResponse>(`${API}/${encodeURIComponent(code)}/handover`, { secret });
}

/**
 * The join URL for an address the facilitator typed: a host name or IP address with an optional port
 * ("192.168.1.20:3000"), or a whole http(s) URL, whose path is replaced by the room's. Null when it is not
 * an address.
 */
export function joinUrlFor(input: string, code: string): string | null {
	const typed = input.trim();
	if (!typed || /\s/.test(typed)) return null;
	try {
		const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`);
		if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
		if (url.username || url.password) return null;
		return `${url.origin}${joinPath(code)}`;
	} catch {
		return null;
	}
}

/** The join URL on the machine's LAN address. */
export function fetchJoinUrl(code: string): Promise<JoinUrlResponse> {
	return request<JoinUrlResponse>(`${API}/${encodeURIComponent(code)}/join-url`);
}

/** The host's event stream: EventSource sends the room's host cookie, so the URL carries no secret. */
export function hostEventsUrl(code: string): string {
	return `${API}/${encodeURIComponent(code)}/events`;
}

// ---------------------------------------------------------------------------------------------------
// What the host's browser keeps

/** The host's key to a room and the join URL shown for it. */
export interface HostKey {
	secret: string;
	joinUrl: string;
}

const hostKey = (code: string) => `fraud-drill:live:host:${code}`;
const LAST_MISSED = 'fraud-drill:live:last-missed';

/**
 * Keeps the host secret in sessionStorage (this tab) and localStorage (a reload, or the tab closed by
 * accident), so a reload keeps control of the room.
 */
export function saveHostKey(code: string, key: HostKey): void {
	const { session, local } = storages();
	writeStored(session, hostKey(code), key);
	writeStored(local, hostKey(code), key);
}

/** The host key of a room kept by this browser, if any. */
export function loadHostKey(code: string): HostKey | null {
	const { session, local } = storages();
	const key =
		readStored<HostKey>(session, hostKey(code)) ?? readStored<HostKey>(local, hostKey(code));
	return key && typeof key.secret === 'string' && typeof key.joinUrl === 'string' ? key : null;
}

/** Remembers what the last session missed, for the "what my last session missed most" deck. */
export function saveLastMissed(ids: readonly string[]): void {
	writeStored(storages().local, LAST_MISSED, ids);
}

/** The question ids the last session on this machine missed (empty when none). */
export function loadLastMissed(): string[] {
	const ids = readStored<unknown>(storages().local, LAST_MISSED);
	return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

// ---------------------------------------------------------------------------------------------------
// The new-session form

/** The deck the facilitator picked in the form. */
export type DeckChoice =
	| { kind: 'full' }
	| { kind: 'quick' }
	| { kind: 'lure'; lure: string }
	| { kind: 'scenarios'; scenarioIds: readonly string[] }
	| { kind: 'missed'; ids: readonly string[] };

/** The form's choices. */
export interface SessionForm {
	deck: DeckChoice;
	timer: boolean;
	seconds: number;
	scoring: 'correctness' | 'speed-bonus';
	names: 'nicknames' | 'anonymous';
	/** A check before and after the training (the matched forms A and B). */
	checks?: boolean;
}

/** Turns a deck choice into the API's deck; hand-picked scenarios become all their questions. */
export function deckSpec(catalog: Catalog, choice: DeckChoice): DeckSpec | null {
	switch (choice.kind) {
		case 'full':
		case 'quick':
			return { kind: choice.kind };
		case 'lure':
			return { kind: 'lure', lure: choice.lure };
		case 'scenarios': {
			const picked = new Set(choice.scenarioIds);
			const ids = catalog.questions.filter((q) => picked.has(q.scenarioId)).map((q) => q.id);
			return ids.length > 0 ? { kind: 'ids', ids } : null;
		}
		case 'missed':
			return choice.ids.length > 0 ? { kind: 'ids', ids: [...choice.ids] } : null;
	}
}

/** The room options for a form, or null when its deck is empty. */
export function roomOptions(catalog: Catalog, form: SessionForm): RoomOptionsInput | null {
	const deck = deckSpec(catalog, form.deck);
	if (!deck) return null;
	const seconds = Math.min(600, Math.max(5, Math.round(form.seconds) || 30));
	return {
		deck,
		timer: { enabled: form.timer, seconds },
		scoring: form.scoring,
		names: form.names,
		...(form.checks ? { checks: { pre: true, post: true } } : {})
	};
}

// ---------------------------------------------------------------------------------------------------
// Labels and charts

/** The text of one choice of a question: the option, "Scam"/"Legitimate", or "Message n". */
export function choiceLabel(q: LiveQuestion, choice: number): string {
	if (q.kind === 'decide')
		return q.options?.[choice] ? localText(q.options[choice]) : String(choice + 1);
	if (q.kind === 'verdict') return verdictChoice(choice) ?? String(choice);
	return m.live_step({ n: choice + 1 });
}

/**
 * The live bars: how many picked each choice, the right ones marked once revealed. Options and verdicts
 * carry the number key phones show ("1. Scam"); a step is named by its script number alone ("Message 3"),
 * the number its phone badge and the script show, so no second numbering competes with it.
 */
export function tallyBars(
	q: LiveQuestion,
	tally: Tally | null,
	expected: readonly number[] | null
): Bar[] {
	const counts = q.choices.map((c) => {
		const i = tally?.choices.indexOf(c) ?? -1;
		return i >= 0 ? (tally?.counts[i] ?? 0) : 0;
	});
	const max = Math.max(1, tally?.answered ?? 0, ...counts);
	return q.choices.map((c, i) => ({
		label:
			q.kind === 'decide' || q.kind === 'verdict'
				? `${i + 1}. ${choiceLabel(q, c)}`
				: choiceLabel(q, c),
		value: counts[i] ?? 0,
		max,
		text: String(counts[i] ?? 0),
		tone: expected === null ? 'neutral' : expected.includes(c) ? 'good' : 'bad'
	}));
}
