/**
 * The host screen's reactive state: wires the pure host logic (`$lib/live/host-client`) to the room's
 * event stream and to the presenter's clicks. Components read its fields and call its methods.
 */
import QRCode from 'qrcode';
import { loadCatalog } from '$lib/bank-client';
import { messages } from '$lib/i18n/messages';
import type { Catalog } from '$lib/quiz/catalog';
import { errorText, subscribe, type StreamStatus } from '$lib/live/client';
import {
	fetchHostView,
	fetchJoinUrl,
	fromView,
	hostCommand,
	hostEventsUrl,
	hostReducer,
	isLastQuestion,
	loadHostKey,
	nextAction,
	saveHostKey,
	saveLastMissed,
	type HostKey,
	type HostState
} from '$lib/live/host-client';
import type { HostAction } from '$lib/live/protocol';

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
	private key: HostKey | null = null;
	private unsubscribe: (() => void) | null = null;
	private ended = false;

	constructor(readonly code: string) {}

	/** The next step of the flow for the presenter's clicker, or null at the end. */
	get next(): HostAction | null {
		return this.state ? nextAction(this.state.view.phase) : null;
	}

	/** The label of the next step ("next" on the last question shows the report). */
	get nextLabel(): string {
		const m = messages().live;
		const action = this.next;
		if (!action || !this.state) return '';
		return action === 'next' && isLastQuestion(this.state.view) ? m.lastNext : m.actions[action];
	}

	/** Reads the host key, the bank and the join URL, then follows the room's events. */
	async open(): Promise<void> {
		this.key = loadHostKey(this.code);
		if (!this.key) {
			this.fatal = messages().live.noSecret;
			return;
		}
		try {
			this.catalog = await loadCatalog();
		} catch (e) {
			this.fatal = e instanceof Error ? e.message : errorText(e);
			return;
		}
		const secret = this.key.secret;
		this.follow();
		this.joinUrl = this.key.joinUrl;
		if (!this.joinUrl) {
			try {
				this.joinUrl = (await fetchJoinUrl(this.code)).url;
				saveHostKey(this.code, { secret, joinUrl: this.joinUrl });
			} catch {
				this.joinUrl = `${location.origin}/live/${this.code}`;
			}
		}
		// The QR code is drawn by the library from the URL alone; no user data goes into it.
		this.qr = await QRCode.toString(this.joinUrl, { type: 'svg', margin: 1 }).then(
			(svg) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
			() => null
		);
	}

	/** Follows the room's events (a fresh stream starts with a snapshot). */
	private follow(): void {
		if (!this.key || this.unsubscribe || this.ended) return;
		this.unsubscribe = subscribe(
			hostEventsUrl(this.code, this.key.secret),
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

	/** Why the stream was refused: a wrong secret or a room that is gone; otherwise follow it again. */
	private async diagnose(): Promise<void> {
		if (!this.key) return;
		try {
			const view = await fetchHostView(this.code, this.key.secret);
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
