/**
 * Resending a request that may not have arrived. A phone on a room's Wi-Fi drops requests now and then;
 * an answer is safe to send again (the server counts the first one and answers a duplicate with 409
 * `already-answered`), so the phone resends it by itself, waiting longer each time, instead of making the
 * player tap again.
 */
import { LiveApiError } from './client';

/** How a retry loop waits: exponential backoff from `baseMs`, capped at `maxMs`, with jitter. */
export interface Backoff {
	baseMs: number;
	maxMs: number;
	/** Give up after this many attempts in all (the first send included). */
	attempts: number;
}

/** Answers: 0.5 s, 1 s, 2 s, 4 s, then every 5 s, about a minute in all — longer than most timers. */
export const ANSWER_BACKOFF: Backoff = { baseMs: 500, maxMs: 5000, attempts: 15 };

/**
 * The wait before retry number `retry` (1 for the first resend): `baseMs · 2^(retry−1)`, capped, and
 * spread between 75% and 100% of that by `random` so a room's phones do not all resend in the same
 * instant after the Wi-Fi comes back.
 */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random) {
	const full = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
	return Math.round(full * (0.75 + 0.25 * random()));
}

/**
 * Whether a failed request may have been lost on the way, so sending it again can help: no response at
 * all (`network`), or a server error (5xx). A refusal (4xx) will be refused again.
 */
export function isRetryable(error: unknown): boolean {
	return error instanceof LiveApiError && (error.code === 'network' || error.status >= 500);
}

export interface RetryOptions {
	backoff?: Backoff;
	/** Waits `ms`; the page passes a timer, tests a recorder (no test waits on the clock). */
	sleep: (ms: number) => Promise<void>;
	/** Checked before each resend: true when resending no longer makes sense (the question closed). */
	stop?: () => boolean;
	/** Told before each wait, e.g. to show "sending…". */
	onRetry?: (retry: number, delayMs: number, error: unknown) => void;
	random?: () => number;
}

/**
 * Runs `send` until it succeeds, fails with an error that is not worth retrying, `stop()` says so, or
 * the attempts run out; then the last error is thrown.
 */
export async function withRetry<T>(send: () => Promise<T>, options: RetryOptions): Promise<T> {
	const backoff = options.backoff ?? ANSWER_BACKOFF;
	for (let attempt = 1; ; attempt++) {
		try {
			return await send();
		} catch (error) {
			if (!isRetryable(error) || attempt >= backoff.attempts || options.stop?.()) throw error;
			const delay = backoffDelay(attempt, backoff, options.random);
			options.onRetry?.(attempt, delay, error);
			await options.sleep(delay);
			if (options.stop?.()) throw error;
		}
	}
}
