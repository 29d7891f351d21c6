/**
 * The host screen's reactive state: wires the pure host logic (`$lib/live/host-client`) to the room's
 * event stream and to the presenter's clicks. Components read its fields and call its methods.
 */
import QRCode from 'qrcode';
import { loadCatalog } from '$lib/bank-client';
import { m } from '$lib/i18n';
import { hostActionLabel } from '$lib/i18n/live';
import type { Catalog } from '$lib/quiz/catalog';
import { errorText, LiveApiError, subscribe, type StreamStatus } from '$lib/live/client';
import {
	claimHost,
	fetchHostView,
	fetchJoinUrl,
	fromView,
	hostCommand,
	hostEventsUrl,
	hostReducer,
	isLastQuestion,
	loadHostKey,
	nextAction,
	requestHandover,
	saveHostKey,
	saveLastMissed,
	type HostKey,
	type HostState
} from '$lib/live/host-client';
import { roomInfo } from '$lib/live/player-client';
import {
	joinPath,
	type HandoverResponse,
	type HostAction,
	type JoinUrlResponse
} from '$lib/live/protocol';

/** One room as its host sees it. */
export class HostSession {
	state = $state<HostState | null>(null);
	catalog = $state<Catalog | null>(null);
	status = $state<StreamStatus>('connecting');
	/** A problem that stops the screen (no host key, room gone); shown instead of the room. */
	fatal = $state<string | null>(null);
	/** A problem with the last command; the room carries on. */
	error = $state<string | null>(null);
	busy = $state(false);
	joinUrl = $state('');
	qr = $state<string | null>(null);
	/** What the server knows of its addresses: the ones to offer, and whether phones can reach it. */
	joinInfo = $state<JoinUrlResponse | null>(null);
	/** This browser holds no host key, but the room exists: it may take the room over with a code. */
	needsHandover = $state(false);
	/** The one-time handover code this screen is showing, if the facilitator asked for one. */
	handover = $state<HandoverResponse | null>(null);
	private key: HostKey | null = null;
	private unsubscribe: (() => void) | null = null;
	private ended = false;

	constructor(readonly code: string) {}

	/** The next step of the flow for the presenter's clicker, or null at the end. */
	get next(): HostAction | null {
		return this.state ? nextAction(this.state.view.phase) : null;
	}

	/** The after-check is still to come: "next" on the last question, and "end", go to it. */
	private get postCheckAhead(): boolean {
		const view = this.state?.view;
		return (
			!!view?.options.checks?.post &&
			view.phase !== 'lobby' &&
			view.phase !== 'report' &&
			view.phase !== 'check'
		);
	}

	/** The label of the next step ("next" on the last question shows the report). */
	get nextLabel(): string {
		const action = this.next;
		if (!action || !this.state) return '';
		const view = this.state.view;
		if (view.phase === 'check')
			return view.check?.stage === 'pre' ? m.room_check_nextPre() : m.room_check_nextPost();
		if (action === 'next' && isLastQuestion(view))
			return this.postCheckAhead ? m.room_check_endToPost() : m.live_lastNext();
		return hostActionLabel(action);
	}

	/** The label of the "end" button: to the after-check while it is still to come, else the report. */
	get endLabel(): string {
		return this.postCheckAhead ? m.room_check_endToPost() : m.live_actions_end();
	}

	/**
	 * Reads the host key, renews the host cookie, reads the bank and the join URL, then follows the room's
	 * events. Without a key: "no such room" when there is none, else the handover form.
	 */
	async open(): Promise<void> {
		this.key = loadHostKey(this.code);
		if (!this.key) {
			try {
				await roomInfo(this.code);
				this.needsHandover = true;
			} catch (e) {
				this.fatal = errorText(e);
			}
			return;
		}
		try {
			// The host cookie authenticates the stream; this browser may hold the key from before it.
			await claimHost(this.code, { secret: this.key.secret });
		} catch (e) {
			if (!(e instanceof LiveApiError) || e.code !== 'network') {
				this.fatal = errorText(e);
				return;
			}
		}
		try {
			this.catalog = await loadCatalog();
		} catch (e) {
			this.fatal = e instanceof Error ? e.message : errorText(e);
			return;
		}
		this.follow();
		this.joinInfo = await fetchJoinUrl(this.code).catch(() => null);
		const url =
			this.key.joinUrl || this.joinInfo?.url || `${location.origin}${joinPath(this.code)}`;
		await this.setJoinUrl(url);
	}

	/** Shows `url` as the join link and QR code, and keeps it for a reload. */
	async setJoinUrl(url: string): Promise<void> {
		this.joinUrl = url;
		if (this.key) {
			this.key = { ...this.key, joinUrl: url };
			saveHostKey(this.code, this.key);
		}
		// The QR code is drawn by the library from the URL alone; no user data goes into it.
		this.qr = await QRCode.toString(url, { type: 'svg', margin: 1 }).then(
			(svg) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
			() => null
		);
	}

	/** Takes the room over with a handover code from the screen that runs it; true when it worked. */
	async takeOver(handover: string): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.error = null;
		try {
			const res = await claimHost(this.code, { handover });
			saveHostKey(this.code, { secret: res.hostSecret, joinUrl: '' });
			this.needsHandover = false;
			void this.open();
			return true;
		} catch (e) {
			this.error = errorText(e);
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** Asks for a one-time code to hand the room to another device, and shows it. */
	async offerHandover(): Promise<void> {
		if (!this.key || this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			this.handover = await requestHandover(this.code, this.key.secret);
		} catch (e) {
			this.error = errorText(e);
		} finally {
			this.busy = false;
		}
	}

	/** Follows the room's events (a fresh stream starts with a snapshot). */
	private follow(): void {
		if (!this.key || this.unsubscribe || this.ended) return;
		this.unsubscribe = subscribe(
			hostEventsUrl(this.code),
			(e) => {
				this.state = hostReducer(this.state, e, Date.now());
				if (e.event === 'report') saveLastMissed(e.data.missedQuestionIds);
			},
			(status) => {
				this.status = status;
				// A refused stream never retries: find out why and say so.
				if (status === 'closed') void this.diagnose();
			}
		);
	}

	/** Runs a host command; the response's view is applied at once, the stream confirms it. */
	async act(action: HostAction): Promise<void> {
		if (!this.key || this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			const res = await hostCommand(this.code, this.key.secret, action);
			const fresh = fromView(res.room, Date.now());
			if (!this.state || fresh.seq >= this.state.seq) this.state = fresh;
			if (res.room.report) saveLastMissed(res.room.report.missedQuestionIds);
		} catch (e) {
			this.error = errorText(e);
		} finally {
			this.busy = false;
		}
	}

	/** The clicker's "next": whatever step comes next in the flow. */
	advance(): void {
		const action = this.next;
		if (action) void this.act(action);
	}

	/**
	 * Why the stream was refused: a secret that no longer works (the room was handed over), a room that is
	 * gone, or only an expired cookie (renewed here); otherwise follow it again.
	 */
	private async diagnose(): Promise<void> {
		if (!this.key) return;
		try {
			await claimHost(this.code, { secret: this.key.secret });
			const view = await fetchHostView(this.code);
			this.state = fromView(view, Date.now());
			this.closeStream();
			setTimeout(() => this.follow(), 2000);
		} catch (e) {
			this.fatal = errorText(e);
		}
	}

	private closeStream(): void {
		this.unsubscribe?.();
		this.unsubscribe = null;
	}

	/** Ends the subscription for good (the page is left). */
	stop(): void {
		this.ended = true;
		this.closeStream();
	}
}
