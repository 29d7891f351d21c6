/**
 * The player page's reactive state: wires the pure player logic (`$lib/live/player-client`) to the
 * room's event stream and the player's taps. Components read its fields and call its methods.
 */
import { loadCatalog } from '$lib/bank-client';
import type { Catalog } from '$lib/quiz/catalog';
import { errorText, LiveApiError, subscribe, type StreamStatus } from '$lib/live/client';
import {
	forgetPlayerKey,
	fromPlayerView,
	joinRoom,
	loadPlayerKey,
	playerEventsUrl,
	playerReducer,
	roomInfo,
	savePlayerKey,
	sendAnswer,
	sendCheck,
	withAnswer,
	withCheckReply,
	type PlayerKey,
	type PlayerState
} from '$lib/live/player-client';
import type { JoinResponse, RoomInfo } from '$lib/live/protocol';
import { withRetry } from '$lib/live/retry';

/** Which screen the page shows. */
export type PlayerScreen = 'loading' | 'join' | 'playing' | 'error';

/** One phone in one room. */
export class PlayerSession {
	screen = $state<PlayerScreen>('loading');
	info = $state<RoomInfo | null>(null);
	state = $state<PlayerState | null>(null);
	/** The bank, for the script steps of "spot the red flags" and "where to stop" (optional). */
	catalog = $state<Catalog | null>(null);
	status = $state<StreamStatus>('connecting');
	/** What stops the page (room not found, rate limited…). */
	fatal = $state<string | null>(null);
	/** A refused nickname or answer; the player can try again. */
	error = $state<string | null>(null);
	busy = $state(false);
	/** An answer is being resent after a network failure ("sending…"). */
	sending = $state(false);
	private key: PlayerKey | null = null;
	private unsubscribe: (() => void) | null = null;
	private ended = false;
	/** Streams refused in a row although the player is in the room. */
	private refusals = 0;

	constructor(readonly code: string) {}

	/** Rejoins with a kept token, or shows the nickname form. */
	async open(): Promise<void> {
		// The bank only adds message texts to step choices; the page works without it.
		loadCatalog().then(
			(c) => (this.catalog = c),
			() => undefined
		);
		this.key = loadPlayerKey(this.code);
		if (this.key) {
			try {
				this.enter(await joinRoom(this.code, { token: this.key.token }));
				return;
			} catch (e) {
				if (!(e instanceof LiveApiError) || e.code !== 'wrong-token') return this.fail(e);
				forgetPlayerKey(this.code);
				this.key = null;
			}
		}
		try {
			this.info = await roomInfo(this.code);
			if (this.info.phase === 'report')
				return this.fail(new LiveApiError('room-closed', 'This session has ended.'));
			this.screen = 'join';
		} catch (e) {
			this.fail(e);
		}
	}

	/** Joins as a new player. */
	async join(nickname: string): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			this.enter(await joinRoom(this.code, { nickname }));
		} catch (e) {
			if (e instanceof LiveApiError && ['room-not-found', 'room-closed'].includes(e.code))
				this.fail(e);
			else this.error = errorText(e);
		} finally {
			this.busy = false;
		}
	}

	/** Sends an answer to the open question. */
	async answer(selection: number[]): Promise<void> {
		const view = this.state?.view;
		if (!this.key || !view || view.phase !== 'open' || view.answer || this.busy) return;
		this.busy = true;
		this.error = null;
		const index = view.questionIndex;
		const key = this.key;
		try {
			// A send lost on the Wi-Fi is resent by itself (a duplicate is refused as already counted),
			// until the question is no longer open.
			const res = await withRetry(() => sendAnswer(this.code, key, index, selection), {
				sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
				stop: () =>
					this.ended ||
					this.state?.view.questionIndex !== index ||
					this.state?.view.phase !== 'open',
				onRetry: () => (this.sending = true)
			});
			if (this.state) this.state = withAnswer(this.state, index, res.accepted.selection);
		} catch (e) {
			// A retry after a lost response: the first answer counts, and the stream says which it was.
			if (e instanceof LiveApiError && e.code === 'already-answered' && this.state)
				this.state = withAnswer(this.state, index, selection);
			else this.error = errorText(e);
		} finally {
			this.busy = false;
			this.sending = false;
		}
	}

	/**
	 * Sends an answer to one item of the open check. Resent by itself after a network failure while the
	 * check is open; a resend the server already counted is taken as counted.
	 */
	async checkAnswer(
		item: number,
		said: 'scam' | 'legitimate',
		confidence: 'sure' | 'unsure'
	): Promise<void> {
		const view = this.state?.view;
		const stage = view?.check?.stage;
		if (!this.key || !view || view.phase !== 'check' || !stage || this.busy) return;
		if (view.checkAnswers?.[item]) return;
		this.busy = true;
		this.error = null;
		const key = this.key;
		const reply = { stage, item, said, confidence };
		try {
			const res = await withRetry(() => sendCheck(this.code, key, reply), {
				sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
				stop: () =>
					this.ended ||
					this.state?.view.phase !== 'check' ||
					this.state?.view.check?.stage !== stage,
				onRetry: () => (this.sending = true)
			});
			if (this.state)
				this.state = { ...this.state, view: withCheckReply(this.state.view, res.accepted) };
		} catch (e) {
			if (e instanceof LiveApiError && e.code === 'already-answered' && this.state)
				this.state = {
					...this.state,
					view: withCheckReply(this.state.view, { ...reply, at: 0 })
				};
			else this.error = errorText(e);
		} finally {
			this.busy = false;
			this.sending = false;
		}
	}

	private enter(res: JoinResponse): void {
		this.key = { playerId: res.playerId, token: res.token };
		savePlayerKey(this.code, this.key);
		this.state = fromPlayerView(res.room, Date.now());
		this.screen = 'playing';
		this.follow();
	}

	private follow(): void {
		if (!this.key || this.unsubscribe || this.ended) return;
		this.unsubscribe = subscribe(
			playerEventsUrl(this.code, this.key),
			(e) => {
				this.state = playerReducer(this.state, e, Date.now());
				if (e.event === 'phase') this.error = null;
			},
			(status) => {
				this.status = status;
				if (status === 'open') this.refusals = 0;
				if (status === 'closed') void this.diagnose();
			}
		);
	}

	/**
	 * A refused stream: rejoin to learn why (room gone, token unknown) or to follow it again. A stream
	 * refused again and again while the player is still in the room is over the server's cap (this room
	 * open in too many tabs here): say so instead of trying for ever.
	 */
	private async diagnose(): Promise<void> {
		this.unsubscribe?.();
		this.unsubscribe = null;
		if (!this.key) return;
		try {
			const res = await joinRoom(this.code, { token: this.key.token });
			this.state = fromPlayerView(res.room, Date.now());
			if (++this.refusals >= 3)
				return this.fail(new LiveApiError('too-many-streams', 'Too many event streams.'));
			setTimeout(() => this.follow(), 2000);
		} catch (e) {
			if (e instanceof LiveApiError && e.code === 'network') {
				setTimeout(() => void this.diagnose(), 3000);
				return;
			}
			if (e instanceof LiveApiError && e.code === 'wrong-token') forgetPlayerKey(this.code);
			this.fail(e);
		}
	}

	private fail(e: unknown): void {
		this.fatal = errorText(e);
		this.screen = 'error';
	}

	/** Ends the subscription for good (the page is left). */
	stop(): void {
		this.ended = true;
		this.unsubscribe?.();
		this.unsubscribe = null;
	}
}
