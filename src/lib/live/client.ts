/**
 * The browser's side of the live-room API, shared by the host and player pages: JSON requests that turn
 * every error response into a typed `LiveApiError`, readable messages for each error code, and an
 * EventSource subscription that hands typed events to a reducer.
 */
import { liveErrorText } from '$lib/i18n/live';
import type { ErrorBody, ErrorCode, LiveEvent, LiveEventName, PhaseUpdate } from './protocol';

/** Where the live API lives. */
export const API = '/api/live/rooms';

/** A failed request: an API error code, or `network` when the server could not be reached. */
export class LiveApiError extends Error {
	constructor(
		readonly code: ErrorCode | 'network',
		message: string,
		readonly status = 0,
		/** The server's finer reason (which nickname rule failed), when it sent one. */
		readonly reason?: string
	) {
		super(message);
		this.name = 'LiveApiError';
	}
}

function isErrorBody(x: unknown): x is ErrorBody {
	if (typeof x !== 'object' || x === null || !('error' in x)) return false;
	const e = (x as { error: unknown }).error;
	return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/**
 * Sends a request to the live API and returns its JSON body. A POST body is sent as JSON (SvelteKit
 * refuses cross-site form posts, and the API reads nothing else).
 */
export async function request<T>(
	path: string,
	body?: unknown,
	fetcher: typeof fetch = fetch
): Promise<T> {
	let response: Response;
	try {
		response = await fetcher(path, {
			method: body === undefined ? 'GET' : 'POST',
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			cache: 'no-store'
		});
	} catch {
		throw new LiveApiError('network', 'The server could not be reached.');
	}
	const data: unknown = await response.json().catch(() => null);
	if (response.ok) return data as T;
	if (isErrorBody(data))
		throw new LiveApiError(data.error.code, data.error.message, response.status, data.error.reason);
	throw new LiveApiError('internal', `The server answered ${response.status}.`, response.status);
}

/**
 * A message for people, in the page's language: the error code (and its finer reason, such as which
 * nickname rule failed) worded by the i18n layer. The server's own English message is never shown.
 */
export function errorText(error: unknown): string {
	if (error instanceof LiveApiError)
		return liveErrorText(error.code, (error as LiveApiError & { reason?: string }).reason);
	return liveErrorText('generic');
}

/** Every event name a stream can carry (EventSource needs one listener per name). */
export const EVENT_NAMES: readonly LiveEventName[] = [
	'snapshot',
	'phase',
	'player-joined',
	'tally',
	'answered',
	'reveal',
	'result',
	'report',
	'final',
	'check-progress',
	'check-answered'
];

/** The state of a subscription: `closed` means the server refused the stream and it will not retry. */
export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * Subscribes to a room's events. EventSource reconnects by itself and sends Last-Event-ID, so the server
 * replays exactly what was missed; only a refused stream (a 4xx) ends for good, reported as `closed`.
 * Returns the function that ends the subscription.
 */
export function subscribe(
	url: string,
	onEvent: (event: LiveEvent) => void,
	onStatus: (status: StreamStatus) => void
): () => void {
	const source = new EventSource(url);
	onStatus('connecting');
	source.onopen = () => onStatus('open');
	source.onerror = () =>
		onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
	for (const name of EVENT_NAMES)
		source.addEventListener(name, (e: MessageEvent<string>) => {
			let data: unknown;
			try {
				data = JSON.parse(e.data);
			} catch {
				return; // A torn message; the next snapshot or replay puts things right.
			}
			onEvent({ id: Number(e.lastEventId) || 0, event: name, data } as LiveEvent);
		});
	return () => source.close();
}

/** Reads JSON from web storage, or null when it is missing, unreadable or storage is off. */
export function readStored<T>(storage: Storage | undefined, key: string): T | null {
	try {
		const raw = storage?.getItem(key);
		return raw ? (JSON.parse(raw) as T) : null;
	} catch {
		return null;
	}
}

/** Writes JSON to web storage; a full or disabled storage only loses the convenience. */
export function writeStored(storage: Storage | undefined, key: string, value: unknown): void {
	try {
		storage?.setItem(key, JSON.stringify(value));
	} catch {
		// Private mode or quota: the session still works, a reload just cannot resume.
	}
}

/** The browser's storages, or undefined where they do not exist or are blocked. */
export function storages(): { session?: Storage; local?: Storage } {
	const get = (name: 'sessionStorage' | 'localStorage') => {
		try {
			return typeof window === 'undefined' ? undefined : window[name];
		} catch {
			return undefined;
		}
	};
	return { session: get('sessionStorage'), local: get('localStorage') };
}

/** Only the fields of a phase update, so nothing else in a view can be overwritten by one. */
export function phaseFields(p: PhaseUpdate): PhaseUpdate {
	const { phase, questionIndex, questionCount, question, deadline, at } = p;
	// A server from before checks sends no `check`: none is open.
	return { phase, questionIndex, questionCount, question, deadline, check: p.check ?? null, at };
}
