/**
 * A fixed-window rate limiter keyed by client address. Room codes are short enough to guess, so join
 * attempts and room look-ups are limited per client; everything else needs a secret or a token.
 */

export interface LimitResult {
	ok: boolean;
	/** Seconds until the window resets (for Retry-After) when refused. */
	retryAfter: number;
}

/** Counts attempts per key in windows of `windowMs`; at most `max` per window. */
export class RateLimiter {
	private readonly windows = new Map<string, { resetAt: number; count: number }>();

	constructor(
		readonly max: number,
		readonly windowMs: number
	) {}

	/** Counts one attempt for `key` at `now`; refused once the window's allowance is spent. */
	consume(key: string, now: number): LimitResult {
		let w = this.windows.get(key);
		if (!w || w.resetAt <= now) {
			w = { resetAt: now + this.windowMs, count: 0 };
			this.windows.set(key, w);
		}
		w.count++;
		const retryAfter = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
		return { ok: w.count <= this.max, retryAfter };
	}

	/** Forgets finished windows, so the map does not grow with every address ever seen. */
	prune(now: number): void {
		for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
	}
}
