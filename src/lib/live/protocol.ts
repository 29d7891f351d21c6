/**
 * The live-session protocol, shared by the browser and the server: the request bodies (valibot schemas,
 * strict objects so a misspelt field is an error rather than silently ignored), the room options, the
 * nickname rules, the views the server sends, and the Server-Sent Event types.
 *
 * Nothing here touches Node or the DOM, so the player and host pages can check input with the very rules
 * the server applies, and type the events they receive.
 */
import * as v from 'valibot';
import { DeckSpecSchema } from '$lib/quiz/deck-schema';
import type { QuestionKind } from '$lib/scenarios/generate';
import type { LocalText } from '$lib/scenarios/schema';
import type { RoomCheckReport } from '$lib/checks/room';

// ---------------------------------------------------------------------------------------------------
// Limits

/** Largest request body the live API reads, in bytes; anything larger gets 413. */
export const MAX_BODY_BYTES = 4096;
export { NICKNAME_MAX, NICKNAME_MAX_CODE_POINTS } from './nickname';
/** Room codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ROOM_CODE_LENGTH = 6;
/** Timer bounds for a question, in seconds. */
export const TIMER_MIN_SECONDS = 5;
export const TIMER_MAX_SECONDS = 600;

/** Where a phone joins a room; the QR code on the host screen encodes this path on the LAN address. */
export function joinPath(code: string): string {
	return `/live/${encodeURIComponent(code)}`;
}

// ---------------------------------------------------------------------------------------------------
// Room codes and nicknames

/** Normalises a typed room code: upper case, no spaces or dashes (people read codes aloud in pieces). */
export function normaliseRoomCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

/** True when `code` is shaped like a room code (after normalisation). */
export function isRoomCode(code: string): boolean {
	if (code.length !== ROOM_CODE_LENGTH) return false;
	for (const ch of code) if (!ROOM_CODE_ALPHABET.includes(ch)) return false;
	return true;
}

export {
	characterCount,
	checkNickname,
	nicknameKey,
	type NicknameCheck,
	type NicknameProblem
} from './nickname';

// ---------------------------------------------------------------------------------------------------
// Room options and request bodies

export const SCORING_MODES = ['correctness', 'speed-bonus'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];
export const NAME_MODES = ['nicknames', 'anonymous'] as const;
// Anonymous players' names ("#3") live in their own module; the protocol's users find them here too.
export { anonymousName, anonymousNumber } from './names';

export type NameMode = (typeof NAME_MODES)[number];

/** Points for a right answer; with the speed bonus a right answer earns up to as much again. */
export const POINTS_CORRECT = 100;
export const POINTS_SPEED_MAX = 100;
/** Without a timer the speed bonus fades to nothing over this many seconds. */
export const SPEED_WINDOW_SECONDS = 30;

const TimerSchema = v.strictObject({
	enabled: v.boolean(),
	seconds: v.optional(
		v.pipe(
			v.number(),
			v.integer('must be a whole number of seconds'),
			v.minValue(TIMER_MIN_SECONDS),
			v.maxValue(TIMER_MAX_SECONDS)
		),
		30
	)
});

/** The two checks a room can take: before the training (`pre`) and after it (`post`). */
export const CHECK_STAGES = ['pre', 'post'] as const;
export type CheckStage = (typeof CHECK_STAGES)[number];

const CheckOptionsSchema = v.strictObject({ pre: v.boolean(), post: v.boolean() });
export type CheckOptions = v.InferOutput<typeof CheckOptionsSchema>;

/**
 * What a facilitator chooses for a session. "What my last session missed most" is an `ids` deck of the
 * question ids from that session's report (`report.missedQuestionIds`).
 */
export const RoomOptionsSchema = v.strictObject({
	deck: DeckSpecSchema,
	timer: v.optional(TimerSchema, { enabled: false, seconds: 30 }),
	scoring: v.optional(v.picklist(SCORING_MODES), 'correctness'),
	names: v.optional(v.picklist(NAME_MODES), 'nicknames'),
	/**
	 * A check before and/or after the training: the matched forms (the bank's first form before, its
	 * second after), verdict questions with confidence, no feedback. Absent: no checks.
	 */
	checks: v.optional(CheckOptionsSchema),
	/** Fixes the deck and option order (tests, or re-running a session exactly); random when absent. */
	seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1)))
});
export type RoomOptionsInput = v.InferInput<typeof RoomOptionsSchema>;
export type RoomOptions = Omit<v.InferOutput<typeof RoomOptionsSchema>, 'seed'>;

/** POST /api/live/rooms */
export const CreateRoomBodySchema = RoomOptionsSchema;

const SecretSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const TokenSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const PlayerIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(40));

/**
 * POST /api/live/rooms/:code/join. A new player sends a nickname (ignored in anonymous rooms); a returning
 * player sends the token they were given and gets the same player back, answers and score included.
 */
export const JoinBodySchema = v.strictObject({
	nickname: v.optional(v.pipe(v.string(), v.maxLength(1000))),
	token: v.optional(TokenSchema)
});
export type JoinBody = v.InferOutput<typeof JoinBodySchema>;

/** POST /api/live/rooms/:code/answer: one answer per player per question. */
export const AnswerBodySchema = v.strictObject({
	playerId: PlayerIdSchema,
	token: TokenSchema,
	/** The question being answered (its index in the deck), so a late answer cannot land on the next one. */
	questionIndex: v.pipe(v.number(), v.integer(), v.minValue(0)),
	selection: v.pipe(
		v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99))),
		v.minLength(1),
		v.maxLength(20)
	)
});
export type AnswerBody = v.InferOutput<typeof AnswerBodySchema>;

/**
 * POST /api/live/rooms/:code/check: one answer to one item of the check that is open (`stage`), with how
 * sure the player is. Items are answered at each phone's own pace, each once; nothing is revealed.
 */
export const CheckBodySchema = v.strictObject({
	playerId: PlayerIdSchema,
	token: TokenSchema,
	stage: v.picklist(CHECK_STAGES),
	/** The item's index in the check's `items`. */
	item: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99)),
	said: v.picklist(['scam', 'legitimate']),
	confidence: v.picklist(['sure', 'unsure'])
});
export type CheckBody = v.InferOutput<typeof CheckBodySchema>;

/**
 * Host commands, in session order: `start` opens the first question; `close` stops answers; `reveal`
 * shows the right answer; `discuss` pauses for discussion; `next` opens the next question (or the report
 * after the last); `end` jumps to the report.
 */
export const HOST_ACTIONS = ['start', 'close', 'reveal', 'discuss', 'next', 'end'] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];

/** POST /api/live/rooms/:code/host */
export const HostBodySchema = v.strictObject({
	secret: SecretSchema,
	action: v.picklist(HOST_ACTIONS)
});
export type HostBody = v.InferOutput<typeof HostBodySchema>;

/** Handover codes: 8 characters of the room-code alphabet, shown as two groups of 4. */
export const HANDOVER_LENGTH = 8;
/** How long a handover code can be redeemed, in ms. */
export const HANDOVER_TTL_MS = 10 * 60_000;

/** Normalises a typed handover code like a room code (upper case, no spaces or dashes). */
export function normaliseHandover(input: string): string {
	return normaliseRoomCode(input);
}

/** POST /api/live/rooms/:code/handover: the host asks for a one-time code to hand the room over. */
export const HandoverBodySchema = v.strictObject({ secret: SecretSchema });
export type HandoverBody = v.InferOutput<typeof HandoverBodySchema>;

/**
 * POST /api/live/rooms/:code/claim: this browser becomes the room's host (it gets the host cookie). With
 * the host secret it just renews the cookie; with a handover code it takes the room over, and the old
 * secret stops working.
 */
export const ClaimBodySchema = v.union([
	v.strictObject({ secret: SecretSchema }),
	v.strictObject({ handover: v.pipe(v.string(), v.minLength(1), v.maxLength(40)) })
]);
export type ClaimBody = v.InferOutput<typeof ClaimBodySchema>;

// ---------------------------------------------------------------------------------------------------
// Errors

/** Every error the live API returns, with its HTTP status. */
export const ERROR_STATUS = {
	'bad-json': 400,
	'invalid-body': 400,
	'unknown-field': 400,
	'invalid-code': 400,
	'secret-in-url': 400,
	'no-client-address': 400,
	'wrong-secret': 403,
	'wrong-token': 403,
	'wrong-handover': 403,
	'room-not-found': 404,
	'room-lost': 404,
	'player-not-found': 404,
	'wrong-phase': 409,
	'not-in-check': 409,
	'question-closed': 409,
	'already-answered': 409,
	'room-closed': 410,
	'body-too-large': 413,
	'empty-deck': 422,
	'no-check-forms': 422,
	'nickname-invalid': 422,
	'nickname-taken': 422,
	'invalid-answer': 422,
	'rate-limited': 429,
	'too-many-streams': 429,
	internal: 500
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error response. */
export interface ErrorBody {
	error: {
		code: ErrorCode;
		/** English, for people reading the API; pages word the code (and reason) themselves. */
		message: string;
		/** A finer reason: for `nickname-invalid`, which rule failed (a `NicknameProblem`). */
		reason?: string;
	};
}

// ---------------------------------------------------------------------------------------------------
// Views and events

/** `check`: the before- or after-check is open (which one: `PhaseUpdate.check.stage`). */
export type Phase = 'lobby' | 'check' | 'open' | 'closed' | 'reveal' | 'discussion' | 'report';

/** The check that is open: its form and its items (scenario ids, in the room's order). */
export interface CheckInfo {
	stage: CheckStage;
	form: string;
	/** Scenario ids; each item asks "scam or genuine?" after the whole script. */
	items: string[];
}

/** A player's answer to one check item, as the server confirms it. */
export interface CheckReply {
	stage: CheckStage;
	item: number;
	said: 'scam' | 'legitimate';
	confidence: 'sure' | 'unsure';
	at: number;
}

/** How far the room is with the open check: counts only, never who answered what. */
export interface CheckProgress {
	stage: CheckStage;
	items: number;
	/** Item answers so far, from everyone. */
	answers: number;
	/** Players who answered at least one item, and who answered all of them. */
	started: number;
	finished: number;
	players: number;
}

/**
 * A question as shown during a session, without its answer: the pages draw the scenario script (the first
 * `visibleSteps` steps of `scenarioId`, from the bank) and the choices.
 */
export interface LiveQuestion {
	index: number;
	id: string;
	kind: QuestionKind;
	scenarioId: string;
	visibleSteps: number;
	/**
	 * Choice indices in the order to show them (position n is number key n + 1): authored option indices
	 * (decide; shuffled per room), 0 = scam / 1 = legitimate (verdict), step numbers (in script order).
	 */
	choices: number[];
	/** True when several choices may be picked (spot the red flags). */
	multi: boolean;
	/** For decide questions: the prompt and the options' text (English, and Chinese when authored). */
	prompt?: LocalText;
	options?: LocalText[];
}

/** How many picked each choice; who picked what is never sent. */
export interface Tally {
	questionIndex: number;
	choices: number[];
	/** counts[i] is how many picked choices[i] (a multi-select answer counts once per picked step). */
	counts: number[];
	answered: number;
	players: number;
}

export interface PlayerSummary {
	id: string;
	nickname: string;
	score: number;
}

/** What every client gets when the phase changes. */
export interface PhaseUpdate {
	phase: Phase;
	questionIndex: number;
	questionCount: number;
	question: LiveQuestion | null;
	/** Epoch ms when answers close by timer, or null without a timer. */
	deadline: number | null;
	/** The open check, in the `check` phase; null otherwise. */
	check: CheckInfo | null;
	at: number;
}

/** Sent to everyone at reveal. */
export interface Reveal {
	questionIndex: number;
	expected: number[];
	tally: Tally;
	percentCorrect: number;
	/** Top scores (empty in anonymous rooms). */
	leaderboard: PlayerSummary[];
}

/** Sent to one player at reveal. */
export interface PlayerResult {
	questionIndex: number;
	selection: number[] | null;
	correct: boolean;
	points: number;
	score: number;
}

export interface PercentRow {
	answers: number;
	correct: number;
	percent: number;
}

/** The team report at the end of a session. */
export interface Report {
	code: string;
	players: number;
	questions: (PercentRow & {
		index: number;
		questionId: string;
		scenarioId: string;
		kind: QuestionKind;
		/** Players who did not answer (counted as missed). */
		unanswered: number;
		/** Presenter mode: the room's one answer (no hands counted), so the row is right or wrong. */
		room?: boolean;
	})[];
	redFlags: (PercentRow & { flag: string })[];
	lures: (PercentRow & { lure: string })[];
	/** Scenarios by share of wrong or missing answers, worst first. */
	mostMissed: (PercentRow & { scenarioId: string; missed: number })[];
	/** The ids of every question fewer than all got right: a ready `ids` deck for a review session. */
	missedQuestionIds: string[];
	leaderboard: PlayerSummary[];
	/**
	 * Presenter mode only: `hands` is the most hands counted on one question (0 when the room only ever
	 * answered as one). A hand count is not a head count, so the report never calls it people.
	 */
	presenter?: { hands: number };
	/** The before → after of a session with checks (see `$lib/checks/room`). */
	checks?: RoomCheckReport;
}

/** The host's full view: sent as the first event of a host stream that is not resuming. */
export interface HostView extends PhaseUpdate {
	role: 'host';
	code: string;
	seq: number;
	options: RoomOptions;
	questionIds: string[];
	players: PlayerSummary[];
	tally: Tally | null;
	reveal: Reveal | null;
	report: Report | null;
	/** How far the room is with the open check (the `check` phase only). */
	checkProgress: CheckProgress | null;
}

/** A player's full view. */
export interface PlayerView extends PhaseUpdate {
	role: 'player';
	code: string;
	seq: number;
	me: PlayerSummary;
	/** The player's answer to the current question, if any. */
	answer: number[] | null;
	/** The current question's reveal and the player's own result, in the reveal and discussion phases. */
	reveal: Reveal | null;
	result: PlayerResult | null;
	players: number;
	/** The final score and rank, once the room is in the report phase (so a reload shows them too). */
	final: FinalResult | null;
	/** The player's own answers to the open check, by item (null: not answered yet); null outside one. */
	checkAnswers: (CheckReply | null)[] | null;
}

/** A player's standing at the end of the session. */
export interface FinalResult {
	score: number;
	rank: number;
	players: number;
}

/** One answer as the server confirms it. */
export interface AnswerAccepted {
	questionIndex: number;
	selection: number[];
	at: number;
}

/**
 * The Server-Sent Events of a room, by event name. Each carries the room's event sequence number as its
 * SSE id, so a client that reconnects with Last-Event-ID gets exactly what it missed.
 *
 * - `snapshot` (host and players): the full view; first event of a stream that does not resume.
 * - `phase` (everyone): the phase or the question changed.
 * - `player-joined` (host): a new player is in the room.
 * - `tally` (host): live counts per choice, coalesced (at most about 10 a second).
 * - `answered` (the answering player): the answer is counted.
 * - `reveal` (everyone): the right answer and the final tally.
 * - `result` (each player): their own result and score for the question.
 * - `report` (host): the team report; players get `final` with their own score and rank.
 * - `check-progress` (host): how many answered the open check (coalesced like tallies).
 * - `check-answered` (the answering player): their check answer is counted.
 */
export interface LiveEventMap {
	snapshot: HostView | PlayerView;
	phase: PhaseUpdate;
	'player-joined': { player: PlayerSummary; players: number };
	tally: Tally;
	answered: AnswerAccepted;
	reveal: Reveal;
	result: PlayerResult;
	report: Report;
	final: FinalResult;
	'check-progress': CheckProgress;
	'check-answered': CheckReply;
}
export type LiveEventName = keyof LiveEventMap;

/** A typed event as a client sees it. */
export type LiveEvent = {
	[K in LiveEventName]: { id: number; event: K; data: LiveEventMap[K] };
}[LiveEventName];

// ---------------------------------------------------------------------------------------------------
// Responses

export interface CreateRoomResponse {
	code: string;
	/** Shown once: every host command and the host stream need it. */
	hostSecret: string;
	joinUrl: string;
	room: HostView;
}

export interface JoinResponse {
	playerId: string;
	/** Keep it (e.g. in localStorage): rejoining with it keeps every answer and the score. */
	token: string;
	nickname: string;
	rejoined: boolean;
	room: PlayerView;
}

export interface AnswerResponse {
	accepted: AnswerAccepted;
	/** The room event that recorded the answer; the host's tally with this id or later includes it. */
	seq: number;
}

export interface CheckResponse {
	accepted: CheckReply;
	seq: number;
}

export interface HandoverResponse {
	/** The one-time code, e.g. "K7MP-2QXD"; redeem it with POST /claim on the other device. */
	handover: string;
	/** Epoch ms after which it no longer works. */
	expiresAt: number;
}

export interface ClaimResponse {
	code: string;
	/** The host secret this browser now holds (a new one after a handover). */
	hostSecret: string;
}

export interface HostResponse {
	seq: number;
	room: HostView;
}

export interface RoomInfo {
	code: string;
	phase: Phase;
	names: NameMode;
	players: number;
	questionCount: number;
}

/** One of the machine's network addresses, as the host page offers it for the join link. */
export interface JoinAddress {
	address: string;
	/** The interface's name (wlan0, en0, docker0…), so the facilitator can tell the Wi-Fi from the rest. */
	interface: string;
}

export interface JoinUrlResponse {
	/** The best join URL: ORIGIN's, else the likeliest LAN address's, else the request's. */
	url: string;
	/** The host (and port) of `url`. */
	host: string;
	/** Where `url` comes from: the ORIGIN setting, a LAN address, or the host the request came to. */
	source: 'origin' | 'lan' | 'request';
	/**
	 * False when phones cannot reach the server: it listens on this computer only (HOST=127.0.0.1) or
	 * has no network address. The host page says so, and how to start it for a room.
	 */
	reachable: boolean;
	/** Every non-internal IPv4 address with its join URL, likeliest first (empty with ORIGIN). */
	addresses: (JoinAddress & { url: string })[];
}
