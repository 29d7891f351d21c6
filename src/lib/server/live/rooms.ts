/**
 * The room registry: every live room of this process, each a session-machine actor with its event log in
 * SQLite and its open streams. Every change follows one path — validate, persist, apply, broadcast — so
 * what clients saw is always what the store holds, and replaying the store rebuilds the rooms exactly.
 * Answers, the one change that comes in thousands, are applied first and persisted in one transaction
 * per turn of the event loop; nobody hears of them (the phone's acknowledgement included) before that
 * commit.
 *
 * One room lives on one process (see DESIGN.md): nothing here is shared between processes.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createActor, type Actor } from 'xstate';
import type { Catalog } from '$lib/quiz/catalog';
import { buildDeck } from '$lib/quiz/deck';
import { newSeed } from '$lib/quiz/random';
import {
	anonymousName,
	checkNickname,
	HANDOVER_LENGTH,
	HANDOVER_TTL_MS,
	isRoomCode,
	normaliseHandover,
	nicknameKey,
	NICKNAME_MAX,
	normaliseRoomCode,
	ROOM_CODE_ALPHABET,
	ROOM_CODE_LENGTH,
	type AnswerBody,
	type CheckBody,
	type CheckResponse,
	type AnswerResponse,
	type ClaimBody,
	type ClaimResponse,
	type CreateRoomResponse,
	type HandoverResponse,
	type HostBody,
	type HostResponse,
	type HostView,
	type JoinBody,
	type JoinResponse,
	type NicknameProblem,
	type Phase,
	type Report,
	type RoomInfo,
	type RoomOptions
} from '$lib/live/protocol';
import type * as v from 'valibot';
import type { RoomOptionsSchema } from '$lib/live/protocol';
import { LiveError } from './http';
import { RateLimiter } from './limits';
import {
	answerRefusal,
	checkRefusal,
	checkStageOf,
	type CheckPlan,
	createSessionMachine,
	phaseOf,
	type SessionEvent,
	type SessionMachine
} from './session-machine';
import {
	encodeEvent,
	HEARTBEAT_MS,
	RoomStreams,
	type SinkFactory,
	type SseClient,
	webSink
} from './sse';
import { LiveStore, type RoomRow, type RoomStatus, type StoreRecovery } from './store';
import {
	buildReport,
	checkProgressOf,
	hostView,
	messagesFor,
	playerView,
	tallyOf,
	type Audience
} from './views';
import { shuffled, seededRandom } from '$lib/quiz/random';

/** Settings of the registry; `fromEnv()` reads them from the environment. */
export interface RoomsConfig {
	/** Rooms idle this long are deleted (default 6 h). */
	ttlMs: number;
	/** Join attempts and room look-ups per client address per minute (default 10). */
	joinLimitPerMinute: number;
	/** Room creations per client address per minute (default 10). */
	createLimitPerMinute: number;
	/** Shortest gap between two tally updates to the host, in ms (default 100). */
	tallyIntervalMs: number;
	/** How often expired rooms are swept, in ms (default 60 s). */
	sweepIntervalMs: number;
	/** How often idle streams get a comment line, in ms (default 15 s). */
	heartbeatMs: number;
	/** Open event streams per player, and for the host of a room (default 4: a phone reloading). */
	streamsPerClient: number;
	/** Open event streams per client address, across rooms (default 50). */
	streamsPerAddress: number;
}

/** Reads the registry's settings from environment variables, with the defaults above. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RoomsConfig {
	const num = (name: string, fallback: number) => {
		const n = Number(env[name]);
		return env[name] !== undefined && env[name] !== '' && Number.isFinite(n) && n > 0
			? n
			: fallback;
	};
	return {
		ttlMs: num('FRAUD_DRILL_ROOM_TTL_MINUTES', 360) * 60_000,
		joinLimitPerMinute: num('FRAUD_DRILL_JOIN_LIMIT', 10),
		createLimitPerMinute: num('FRAUD_DRILL_CREATE_LIMIT', 10),
		tallyIntervalMs: num('FRAUD_DRILL_TALLY_MS', 100),
		sweepIntervalMs: 60_000,
		heartbeatMs: num('FRAUD_DRILL_HEARTBEAT_MS', HEARTBEAT_MS),
		streamsPerClient: num('FRAUD_DRILL_STREAMS_PER_CLIENT', 4),
		streamsPerAddress: num('FRAUD_DRILL_STREAMS_PER_ADDRESS', 50)
	};
}

/** A logged message: what a stream resuming from Last-Event-ID is sent again. */
interface Logged {
	seq: number;
	/** Only who it is for is kept beside the encoded bytes: the data objects would double the memory. */
	audience: Audience;
	chunk: Uint8Array;
}

interface Room {
	code: string;
	hostSecretHash: string;
	actor: Actor<SessionMachine>;
	seq: number;
	status: RoomStatus;
	/** Every message sent so far, in seq order (rebuilt by replay after a restart). */
	log: Logged[];
	/** Token hash → player id. */
	tokens: Map<string, string>;
	streams: RoomStreams;
	tallyDirty: boolean;
	tallyTimer: NodeJS.Timeout | null;
	lastTallyAt: number;
	timer: NodeJS.Timeout | null;
	timerIndex: number;
	/** The outstanding one-time handover code (its hash), if the host asked for one. */
	handover: { hash: string; expiresAt: number } | null;
}

/** An answer applied to its room and waiting for the commit that stores it. */
interface PendingAnswer {
	room: Room;
	seq: number;
	event: SessionEvent;
	messages: Logged[];
	resolve: (seq: number) => void;
	reject: (error: unknown) => void;
}

/** Who is opening a stream. */
export type StreamAuth = { secret: string } | { playerId: string; token: string };

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** Compares two hex digests in constant time. */
function sameHash(a: string, b: string): boolean {
	const x = Buffer.from(a, 'hex');
	const y = Buffer.from(b, 'hex');
	return x.length === y.length && timingSafeEqual(x, y);
}

function secretToken(): string {
	return randomBytes(24).toString('base64url');
}

function newCode(length = ROOM_CODE_LENGTH): string {
	let code = '';
	for (let i = 0; i < length; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
	return code;
}

function statusOf(phase: Phase): RoomStatus {
	return phase === 'lobby' ? 'lobby' : phase === 'report' ? 'report' : 'running';
}

/** Rebuilds a machine event from a stored row (the row's payload is the event without its type). */
function toEvent(type: string, payload: unknown): SessionEvent {
	return { ...(payload as object), type } as SessionEvent;
}

/** The live rooms of this process. */
export class Rooms {
	private readonly rooms = new Map<string, Room>();
	private readonly machine: SessionMachine;
	private readonly joinLimiter: RateLimiter;
	private readonly createLimiter: RateLimiter;
	private readonly intervals: NodeJS.Timeout[] = [];
	/** Open streams per client address. */
	private readonly streamsByAddress = new Map<string, number>();
	/** The damaged store set aside at start, while rooms from before it could still be asked for. */
	private readonly recovery: StoreRecovery | null;
	/** Answers applied but not yet stored; `commitPending` stores them in one transaction. */
	private pending: PendingAnswer[] = [];
	private commitQueued = false;

	constructor(
		private readonly store: LiveStore,
		private readonly catalog: Catalog,
		private readonly config: RoomsConfig,
		private readonly now: () => number = Date.now
	) {
		this.machine = createSessionMachine(catalog);
		this.joinLimiter = new RateLimiter(config.joinLimitPerMinute, 60_000);
		this.createLimiter = new RateLimiter(config.createLimitPerMinute, 60_000);
		this.recovery = store.recovery();
	}

	/**
	 * Rebuilds every stored room by replaying its events, then starts the heartbeat and the expiry sweep.
	 * A room that cannot be replayed (say, a question removed from the bank since) is logged and skipped.
	 */
	start(): this {
		this.sweep();
		for (const row of this.store.rooms()) {
			try {
				this.restore(row);
			} catch (error) {
				console.error(`live room ${row.code} could not be restored`, error);
			}
		}
		const ping = new TextEncoder().encode(': ping\n\n');
		this.intervals.push(
			setInterval(() => {
				for (const room of this.rooms.values()) room.streams.heartbeat(ping);
			}, this.config.heartbeatMs),
			setInterval(() => this.sweep(), this.config.sweepIntervalMs)
		);
		for (const t of this.intervals) t.unref();
		return this;
	}

	/** Stops timers and closes every stream (tests, shutdown). The store stays open. */
	stop(): void {
		this.commitPending();
		for (const t of this.intervals) clearInterval(t);
		this.intervals.length = 0;
		for (const room of this.rooms.values()) this.dispose(room);
		this.rooms.clear();
	}

	/** How long the host cookie lasts: as long as an idle room does. */
	get hostCookieSeconds(): number {
		return Math.ceil(this.config.ttlMs / 1000);
	}

	/** How many rooms are live. */
	get size(): number {
		return this.rooms.size;
	}

	// -------------------------------------------------------------------------------------------
	// Commands

	/** Creates a room; the host secret is returned here and never again. */
	create(
		input: v.InferOutput<typeof RoomOptionsSchema>,
		ip: string
	): Omit<CreateRoomResponse, 'joinUrl'> {
		const at = this.now();
		this.limit(this.createLimiter, ip, at, 'Too many rooms created; wait a minute.');
		const { seed: chosen, ...options } = input;
		// One seed orders the deck and each question's options; it is stored with the room's first event.
		const seed = chosen ?? newSeed();
		const questionIds = buildDeck(this.catalog, options.deck, seed);
		if (questionIds.length === 0)
			throw new LiveError('empty-deck', 'That deck has no questions; choose another.');
		const checks = this.checkPlans(options.checks, seed);
		const hostSecret = secretToken();
		const hostSecretHash = sha256(hostSecret);
		for (let attempt = 0; attempt < 20; attempt++) {
			const code = newCode();
			if (this.rooms.has(code)) continue;
			const event: SessionEvent = {
				type: 'system.create',
				code,
				options: options satisfies RoomOptions,
				questionIds,
				seed,
				...(checks ? { checks } : {}),
				at
			};
			const { type, ...payload } = event;
			const created = this.store.createRoom(
				{ code, hostSecretHash, createdAt: at, lastActivity: at, status: 'lobby' },
				{ type, payload, at }
			);
			if (!created) continue;
			const room = this.newRoom(code, hostSecretHash, 'lobby');
			this.apply(room, event, 1);
			this.rooms.set(code, room);
			return { code, hostSecret, room: this.hostViewOf(room) };
		}
		throw new LiveError('internal', 'Could not find a free room code; please try again.');
	}

	/** Public facts about a room, for the join page (limited per client like joins). */
	info(rawCode: string, ip: string): RoomInfo {
		const room = this.lookup(rawCode, ip, true);
		const snap = room.actor.getSnapshot();
		return {
			code: room.code,
			phase: phaseOf(snap),
			names: snap.context.options.names,
			players: snap.context.playerIds.length,
			questionCount: snap.context.questionIds.length
		};
	}

	/** Joins a room as a new player, or rejoins with a token (same player, answers and score). */
	join(rawCode: string, body: JoinBody, ip: string): JoinResponse {
		const room = this.lookup(rawCode, ip, true);
		const snap = room.actor.getSnapshot();
		const at = this.now();
		if (body.token !== undefined) {
			const playerId = room.tokens.get(sha256(body.token));
			const player = playerId ? snap.context.players.get(playerId) : undefined;
			if (!player) throw new LiveError('wrong-token', 'That player token is not valid here.');
			return {
				playerId: player.id,
				token: body.token,
				nickname: player.nickname,
				rejoined: true,
				room: playerView(this.catalog, snap, player.id, room.seq, at)
			};
		}
		if (phaseOf(snap) === 'report')
			throw new LiveError('room-closed', 'This session has ended; no new players can join.');
		const c = snap.context;
		let nickname: string;
		if (c.options.names === 'anonymous') nickname = anonymousName(c.playerIds.length + 1);
		else {
			const checked = checkNickname(body.nickname ?? '');
			if (!checked.ok)
				throw new LiveError(
					'nickname-invalid',
					NICKNAME_REFUSALS[checked.problem],
					undefined,
					checked.problem
				);
			nickname = checked.nickname;
		}
		const key = nicknameKey(nickname);
		if (c.nicknames.has(key))
			throw new LiveError('nickname-taken', 'Someone in this room already has that nickname.');
		const token = secretToken();
		const tokenHash = sha256(token);
		const playerId = `p${c.playerIds.length + 1}`;
		this.dispatch(room, { type: 'player.join', playerId, nickname, key, tokenHash, at });
		return {
			playerId,
			token,
			nickname,
			rejoined: false,
			room: playerView(this.catalog, room.actor.getSnapshot(), playerId, room.seq, at)
		};
	}

	/**
	 * Records one answer; a player answers each question once, and only while it is open. Resolves once
	 * the answer is stored (see `dispatchAnswer`): an acknowledged answer survives a kill -9.
	 */
	async answer(rawCode: string, body: AnswerBody, ip: string): Promise<AnswerResponse> {
		const room = this.lookup(rawCode, ip, false);
		this.player(room, body.playerId, body.token);
		const event: SessionEvent = {
			type: 'player.answer',
			playerId: body.playerId,
			questionIndex: body.questionIndex,
			selection: body.selection,
			at: this.now()
		};
		const snap = room.actor.getSnapshot();
		const refusal = answerRefusal(this.catalog, snap.context, event, phaseOf(snap) === 'open');
		if (refusal) throw new LiveError(refusal, ANSWER_REFUSALS[refusal] ?? 'Answer refused.');
		const seq = await this.dispatchAnswer(room, event);
		return {
			accepted: {
				questionIndex: event.questionIndex,
				selection: [...event.selection],
				at: event.at
			},
			seq
		};
	}

	/** Records one answer to one item of the open check; each item once, and only during its check. */
	check(rawCode: string, body: CheckBody, ip: string): CheckResponse {
		const room = this.lookup(rawCode, ip, false);
		this.player(room, body.playerId, body.token);
		const event: SessionEvent = {
			type: 'player.check',
			playerId: body.playerId,
			stage: body.stage,
			item: body.item,
			said: body.said,
			confidence: body.confidence,
			at: this.now()
		};
		const snap = room.actor.getSnapshot();
		const refusal = checkRefusal(snap.context, event, checkStageOf(snap));
		if (refusal) throw new LiveError(refusal, CHECK_REFUSALS[refusal] ?? 'Check answer refused.');
		const seq = this.dispatch(room, event);
		const { stage, item, said, confidence } = body;
		return { accepted: { stage, item, said, confidence, at: event.at }, seq };
	}

	/**
	 * The forms of the checks a new room asked for: the bank's first form before the training, its
	 * second after, each in an order drawn from the room's seed. 422 when the bank has no such form.
	 */
	private checkPlans(
		wanted: RoomOptions['checks'],
		seed: number
	): { pre?: CheckPlan; post?: CheckPlan } | undefined {
		if (!wanted || (!wanted.pre && !wanted.post)) return undefined;
		const forms = this.catalog.bank.forms ?? [];
		const plan = (n: number, salt: number): CheckPlan => {
			const form = forms[n];
			if (!form)
				throw new LiveError(
					'no-check-forms',
					'This scenario bank has no matched check forms (questions/forms.yaml).'
				);
			return { form: form.id, items: shuffled(form.scenarios, seededRandom(seed ^ salt)) };
		};
		return {
			...(wanted.pre ? { pre: plan(0, 0x5eed_0001) } : {}),
			...(wanted.post ? { post: plan(1, 0x5eed_0002) } : {})
		};
	}

	/** Runs a host command (start, close, reveal, discuss, next, end). */
	host(rawCode: string, body: HostBody, ip: string): HostResponse {
		const room = this.lookup(rawCode, ip, false);
		this.checkSecret(room, body.secret);
		const event = { type: `host.${body.action}`, at: this.now() } as SessionEvent;
		const snap = room.actor.getSnapshot();
		if (!snap.can(event))
			throw new LiveError(
				'wrong-phase',
				`Cannot ${body.action} while the room is in the ${phaseOf(snap)} phase.`
			);
		const seq = this.dispatch(room, event);
		return { seq, room: this.hostViewOf(room) };
	}

	/** The host's full view (needs the host secret). */
	hostState(rawCode: string, secret: string, ip: string): HostView {
		const room = this.lookup(rawCode, ip, false);
		this.checkSecret(room, secret);
		return this.hostViewOf(room);
	}

	/** The team report so far (complete once the room reaches the report phase). */
	report(rawCode: string, secret: string, ip: string): Report {
		const room = this.lookup(rawCode, ip, false);
		this.checkSecret(room, secret);
		return buildReport(this.catalog, room.actor.getSnapshot().context);
	}

	/**
	 * A one-time code that hands the room to another device (shown on the host screen on request). A new
	 * request replaces the previous code; it works once, for `HANDOVER_TTL_MS`.
	 */
	handover(rawCode: string, secret: string, ip: string): HandoverResponse {
		const room = this.lookup(rawCode, ip, false);
		this.checkSecret(room, secret);
		const code = newCode(HANDOVER_LENGTH);
		const expiresAt = this.now() + HANDOVER_TTL_MS;
		room.handover = { hash: sha256(code), expiresAt };
		return { handover: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt };
	}

	/**
	 * Makes the caller the room's host. With the secret: nothing changes (the route renews the host
	 * cookie). With a handover code: a new secret replaces the old one, whose streams are closed, so the
	 * room has one host again. Attempts with a code count against the client's limit like joins.
	 */
	claim(rawCode: string, body: ClaimBody, ip: string): ClaimResponse {
		if ('secret' in body) {
			const room = this.lookup(rawCode, ip, false);
			this.checkSecret(room, body.secret);
			return { code: room.code, hostSecret: body.secret };
		}
		const room = this.lookup(rawCode, ip, true);
		const offer = room.handover;
		if (
			!offer ||
			offer.expiresAt < this.now() ||
			!sameHash(sha256(normaliseHandover(body.handover)), offer.hash)
		)
			throw new LiveError('wrong-handover', 'That handover code is wrong, used or expired.');
		room.handover = null;
		const hostSecret = secretToken();
		room.hostSecretHash = sha256(hostSecret);
		this.store.setHostSecretHash(room.code, room.hostSecretHash);
		for (const c of [...room.streams.hosts]) c.close();
		return { code: room.code, hostSecret };
	}

	/** The room code as stored, after checking the room exists (for the join URL). */
	codeOf(rawCode: string, ip: string): string {
		return this.lookup(rawCode, ip, true).code;
	}

	/**
	 * Opens an event stream as a web `Response` (the SvelteKit route). With `lastEventId` the stream first
	 * replays every message for this client after that id; otherwise (or when the id is unknown) it starts
	 * with a full snapshot.
	 */
	stream(rawCode: string, auth: StreamAuth, lastEventId: number | null, ip: string): Response {
		return this.openStream(rawCode, auth, lastEventId, ip, webSink).response;
	}

	/**
	 * Opens an event stream on the given transport, after the same checks whatever the transport: room,
	 * credentials, the per-client and per-address caps. Nothing is written to the client (no status, no
	 * headers) before they all pass, so a refusal can still be a JSON error.
	 */
	openStream(
		rawCode: string,
		auth: StreamAuth,
		lastEventId: number | null,
		ip: string,
		sink: SinkFactory
	): SseClient {
		const room = this.lookup(rawCode, ip, false);
		const role = 'secret' in auth ? 'host' : 'player';
		if ('secret' in auth) this.checkSecret(room, auth.secret);
		else this.player(room, auth.playerId, auth.token);
		const playerId = 'secret' in auth ? null : auth.playerId;
		// A stream holds a socket for as long as the client likes: cap them per player or host, and per
		// address, so one client cannot exhaust the server's sockets.
		if (room.streams.countFor(role, playerId) >= this.config.streamsPerClient)
			throw new LiveError(
				'too-many-streams',
				`At most ${this.config.streamsPerClient} event streams per player or host; close another tab first.`,
				5
			);
		const fromAddress = this.streamsByAddress.get(ip) ?? 0;
		if (fromAddress >= this.config.streamsPerAddress)
			throw new LiveError(
				'too-many-streams',
				`At most ${this.config.streamsPerAddress} event streams per address.`,
				5
			);
		this.streamsByAddress.set(ip, fromAddress + 1);
		const client = room.streams.open(
			role,
			playerId,
			() => {
				const n = (this.streamsByAddress.get(ip) ?? 1) - 1;
				if (n > 0) this.streamsByAddress.set(ip, n);
				else this.streamsByAddress.delete(ip);
			},
			sink
		);
		const snap = room.actor.getSnapshot();
		const at = this.now();
		if (lastEventId !== null && lastEventId >= 1 && lastEventId <= room.seq) {
			for (let i = firstAfter(room.log, lastEventId); i < room.log.length; i++) {
				const m = room.log[i];
				if (m && isFor(m.audience, client)) client.send(m.chunk);
			}
			// Tallies and check counts are coalesced, not logged: a resuming host gets the current one.
			const progress = client.role === 'host' ? checkProgressOf(snap) : null;
			if (progress) client.send(encodeEvent(room.seq, 'check-progress', progress));
			if (client.role === 'host' && phaseOf(snap) === 'open') {
				const tally = tallyOf(this.catalog, snap.context, snap.context.index);
				if (tally) client.send(encodeEvent(room.seq, 'tally', tally));
			}
		} else {
			const view =
				client.role === 'host'
					? hostView(this.catalog, snap, room.seq, at)
					: playerView(this.catalog, snap, client.playerId ?? '', room.seq, at);
			client.send(encodeEvent(room.seq, 'snapshot', view));
		}
		return client;
	}

	/** Deletes rooms idle for longer than the TTL, in the store and here. */
	sweep(): string[] {
		const now = this.now();
		this.joinLimiter.prune(now);
		this.createLimiter.prune(now);
		const codes = this.store.expire(now - this.config.ttlMs);
		for (const code of codes) {
			const room = this.rooms.get(code);
			if (room) this.dispose(room);
			this.rooms.delete(code);
		}
		return codes;
	}

	/** Open streams of a room (diagnostics and tests). */
	streamCount(rawCode: string): number {
		return this.rooms.get(normaliseRoomCode(rawCode))?.streams.size ?? 0;
	}

	// -------------------------------------------------------------------------------------------
	// Internals

	private newRoom(code: string, hostSecretHash: string, status: RoomStatus): Room {
		return {
			code,
			hostSecretHash,
			actor: createActor(this.machine).start(),
			seq: 0,
			status,
			log: [],
			tokens: new Map(),
			streams: new RoomStreams(),
			tallyDirty: false,
			tallyTimer: null,
			lastTallyAt: 0,
			timer: null,
			timerIndex: -1,
			handover: null
		};
	}

	private dispose(room: Room): void {
		if (room.timer) clearTimeout(room.timer);
		if (room.tallyTimer) clearTimeout(room.tallyTimer);
		room.streams.closeAll();
		room.actor.stop();
	}

	private limit(limiter: RateLimiter, ip: string, at: number, message: string): void {
		const r = limiter.consume(ip, at);
		if (!r.ok) throw new LiveError('rate-limited', message, r.retryAfter);
	}

	/**
	 * Finds a room. Joins and look-ups (`probe`) always count against the client's limit; other requests
	 * count only when the code is unknown, so guessing codes through any endpoint is limited alike.
	 */
	private lookup(rawCode: string, ip: string, probe: boolean): Room {
		const at = this.now();
		const message = 'Too many attempts; wait a minute before trying again.';
		if (probe) this.limit(this.joinLimiter, ip, at, message);
		const code = normaliseRoomCode(rawCode);
		const room = isRoomCode(code) ? this.rooms.get(code) : undefined;
		if (!room) {
			if (!probe) this.limit(this.joinLimiter, ip, at, message);
			// Rooms of a damaged store that was set aside may still be asked for until they would have
			// expired: say why they are gone rather than just "not found".
			if (this.recovery && at - this.recovery.at < this.config.ttlMs)
				throw new LiveError(
					'room-lost',
					'There is no room with that code. The room database was found damaged and set aside when the server started; rooms from before then are not here.'
				);
			throw new LiveError('room-not-found', 'There is no room with that code.');
		}
		return room;
	}

	private checkSecret(room: Room, secret: string): void {
		if (!sameHash(sha256(secret), room.hostSecretHash))
			throw new LiveError('wrong-secret', 'The host secret is wrong for this room.');
	}

	/** The player a token belongs to; 403 when the token is not this player's. */
	private player(room: Room, playerId: string, token: string): string {
		const owner = room.tokens.get(sha256(token));
		if (owner === undefined || owner !== playerId)
			throw new LiveError('wrong-token', 'That token does not belong to this player.');
		return owner;
	}

	private hostViewOf(room: Room): HostView {
		return hostView(this.catalog, room.actor.getSnapshot(), room.seq, this.now());
	}

	/** Persists, applies and broadcasts one event the caller has validated; returns its seq. */
	private dispatch(room: Room, event: SessionEvent): number {
		// Answers waiting for their commit come first: the store keeps every room's events in seq order.
		this.commitPending();
		if (this.rooms.get(room.code) !== room)
			throw new LiveError('internal', 'The room was reloaded from the store; please try again.');
		const seq = room.seq + 1;
		const { type, ...payload } = event;
		this.store.append(room.code, seq, type, payload, event.at);
		const messages = this.apply(room, event, seq);
		for (const m of messages) this.deliver(room, m);
		if (event.type === 'player.answer' || event.type === 'player.check') this.scheduleTally(room);
		this.syncStatus(room);
		this.syncTimer(room);
		return seq;
	}

	/**
	 * Applies an answer at once, so a second answer from the same phone is refused even before the
	 * first is stored, and stores it together with every other answer that arrives in this turn of the
	 * event loop, in one transaction (one commit per batch instead of one per answer). The phone is
	 * acknowledged, and the answer sent on and counted in tallies, only after that commit: what a phone
	 * was told is stored survives a kill -9.
	 */
	private dispatchAnswer(room: Room, event: SessionEvent): Promise<number> {
		const seq = room.seq + 1;
		const messages = this.apply(room, event, seq);
		return new Promise((resolve, reject) => {
			this.pending.push({ room, seq, event, messages, resolve, reject });
			if (this.commitQueued) return;
			this.commitQueued = true;
			setImmediate(() => this.commitPending());
		});
	}

	/**
	 * Stores every pending answer in one transaction, then acknowledges and delivers them. When the
	 * commit fails nothing of the batch is stored: each phone gets a 500 (the page resends it) and the
	 * rooms concerned are rebuilt from the store, so no one is shown an answer that is not kept.
	 */
	private commitPending(): void {
		this.commitQueued = false;
		const batch = this.pending;
		if (batch.length === 0) return;
		this.pending = [];
		try {
			this.store.appendMany(
				batch.map(({ room, seq, event }) => {
					const { type, ...payload } = event;
					return { code: room.code, seq, type, payload, at: event.at };
				})
			);
		} catch (error) {
			console.error(
				'live answers could not be stored; their rooms are rebuilt from the store',
				error
			);
			const failed = new LiveError(
				'internal',
				'The answer could not be stored; please send it again.'
			);
			for (const p of batch) p.reject(failed);
			for (const room of new Set(batch.map((p) => p.room))) this.reload(room);
			return;
		}
		for (const p of batch) {
			for (const m of p.messages) this.deliver(p.room, m);
			this.scheduleTally(p.room);
			p.resolve(p.seq);
		}
	}

	/** Rebuilds a stored room by replaying its events, and registers it. */
	private restore(row: RoomRow): Room {
		const room = this.newRoom(row.code, row.hostSecretHash, row.status);
		for (const e of this.store.events(row.code))
			this.apply(room, toEvent(e.type, e.payload), e.seq);
		this.rooms.set(row.code, room);
		this.syncStatus(room);
		this.syncTimer(room);
		return room;
	}

	/**
	 * Replaces a room by what the store holds of it (after a failed commit). Its streams are closed, so
	 * every screen reconnects and is shown the stored room.
	 */
	private reload(room: Room): void {
		if (this.rooms.get(room.code) !== room) return;
		this.dispose(room);
		this.rooms.delete(room.code);
		const row = this.store.room(room.code);
		if (!row) return;
		try {
			this.restore(row).handover = room.handover;
		} catch (error) {
			console.error(`live room ${row.code} could not be reloaded`, error);
		}
	}

	/** Keeps the store's status column (lobby / running / report) in step with the machine. */
	private syncStatus(room: Room): void {
		const status = statusOf(phaseOf(room.actor.getSnapshot()));
		if (status === room.status) return;
		room.status = status;
		this.store.setStatus(room.code, status);
	}

	/** Applies an event (live or replayed) and logs the messages it sends. */
	private apply(room: Room, event: SessionEvent, seq: number): Logged[] {
		room.actor.send(event);
		room.seq = seq;
		if (event.type === 'player.join') room.tokens.set(event.tokenHash, event.playerId);
		const after = room.actor.getSnapshot();
		const logged = messagesFor(this.catalog, event, after).map((out) => ({
			seq,
			audience: out.audience,
			chunk: encodeEvent(seq, out.event, out.data)
		}));
		for (const m of logged) room.log.push(m);
		return logged;
	}

	private deliver(room: Room, m: Logged): void {
		const a = m.audience;
		if (a.to === 'all') room.streams.toAll(m.chunk);
		else if (a.to === 'host') room.streams.toHosts(m.chunk);
		else room.streams.toPlayer(a.id, m.chunk);
	}

	/**
	 * Coalesces tally updates: the first answer after a quiet spell is sent on the next turn of the event
	 * loop (with any answers that arrived in the same turn), later ones at most every `tallyIntervalMs`.
	 */
	private scheduleTally(room: Room): void {
		room.tallyDirty = true;
		if (room.tallyTimer) return;
		const wait = Math.max(0, room.lastTallyAt + this.config.tallyIntervalMs - this.now());
		room.tallyTimer = setTimeout(() => this.flushTally(room), wait);
	}

	private flushTally(room: Room): void {
		// A tally counts stored answers only.
		this.commitPending();
		if (this.rooms.get(room.code) !== room) return;
		room.tallyTimer = null;
		if (!room.tallyDirty) return;
		room.tallyDirty = false;
		room.lastTallyAt = this.now();
		if (room.streams.hosts.size === 0) return;
		const snap = room.actor.getSnapshot();
		const progress = checkProgressOf(snap);
		if (progress) {
			room.streams.toHosts(encodeEvent(room.seq, 'check-progress', progress));
			return;
		}
		const c = snap.context;
		const tally = tallyOf(this.catalog, c, c.index);
		if (tally) room.streams.toHosts(encodeEvent(room.seq, 'tally', tally));
	}

	/** Keeps one timeout per open timed question, sending `timer.expired` at its deadline. */
	private syncTimer(room: Room): void {
		const snap = room.actor.getSnapshot();
		const { deadline, index } = snap.context;
		const open = phaseOf(snap) === 'open' && deadline !== null;
		if (room.timer && (!open || room.timerIndex !== index)) {
			clearTimeout(room.timer);
			room.timer = null;
		}
		if (!open || room.timer) return;
		room.timerIndex = index;
		room.timer = setTimeout(
			() => {
				room.timer = null;
				const event: SessionEvent = { type: 'timer.expired', questionIndex: index, at: this.now() };
				if (this.rooms.get(room.code) === room && room.actor.getSnapshot().can(event))
					this.dispatch(room, event);
			},
			Math.max(0, deadline - this.now())
		);
	}
}

/** The API's English messages for refused nicknames (the pages show their own words for each reason). */
const NICKNAME_REFUSALS: Record<NicknameProblem, string> = {
	empty: 'Choose a nickname of at least 1 character.',
	'too-long': `A nickname can have at most ${NICKNAME_MAX} characters.`,
	'control-character': 'A nickname cannot contain control characters or line breaks.',
	'invisible-character':
		'A nickname cannot contain invisible characters such as zero-width spaces.',
	'broken-text': 'The nickname is not valid text (a character is cut in half).',
	'nothing-visible': 'A nickname needs at least one visible letter, digit or symbol.'
};

const ANSWER_REFUSALS: Partial<Record<string, string>> = {
	'player-not-found': 'That player is not in this room.',
	'invalid-answer': 'That is not a valid answer to this question.',
	'wrong-phase': 'That question is not open yet.',
	'already-answered': 'You have already answered this question; your first answer counts.',
	'question-closed': 'Answers to this question are closed.'
};

const CHECK_REFUSALS: Partial<Record<string, string>> = {
	'player-not-found': 'That player is not in this room.',
	'not-in-check':
		'That check is not open: check answers are taken only while the host has it open.',
	'invalid-answer': 'That check has no such item.',
	'already-answered': 'You have already answered this item; your first answer counts.'
};

/** Index of the first logged message after `seq` (the log is in seq order). */
function firstAfter(log: readonly Logged[], seq: number): number {
	let lo = 0;
	let hi = log.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((log[mid]?.seq ?? 0) <= seq) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function isFor(a: Audience, client: SseClient): boolean {
	if (a.to === 'all') return true;
	if (a.to === 'host') return client.role === 'host';
	return client.role === 'player' && client.playerId === a.id;
}
