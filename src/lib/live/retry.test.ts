import { describe, expect, it } from 'vitest';
import { LiveApiError } from './client';
import { ANSWER_BACKOFF, backoffDelay, isRetryable, withRetry } from './retry';

const lost = () => new LiveApiError('network', 'The server could not be reached.');

/** A sender that fails with the given errors in turn, then succeeds. */
function flaky(errors: Error[], value = 'counted') {
	let calls = 0;
	const send = async () => {
		const e = errors[calls++];
		if (e) throw e;
		return value;
	};
	return { send, calls: () => calls };
}

/** A sleep that records what it was asked to wait and returns at once (no test waits on the clock). */
function recorder() {
	const waits: number[] = [];
	return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('answer resend', () => {
	it('resends an answer lost on the network, with growing waits, until it is counted', async () => {
		const s = flaky([lost(), lost(), lost()]);
		const r = recorder();
		const retries: number[] = [];
		const result = await withRetry(s.send, {
			sleep: r.sleep,
			random: () => 1,
			onRetry: (n) => retries.push(n)
		});
		expect(result).toBe('counted');
		expect(s.calls()).toBe(4);
		expect(r.waits).toEqual([500, 1000, 2000]);
		expect(retries).toEqual([1, 2, 3]);
	});

	it('resends after a server error, but never after a refusal', async () => {
		const server = flaky([new LiveApiError('internal', 'boom', 500)]);
		expect(await withRetry(server.send, recorder())).toBe('counted');
		expect(server.calls()).toBe(2);

		const closed = new LiveApiError('question-closed', 'closed', 409);
		const refused = flaky([closed]);
		const r = recorder();
		await expect(withRetry(refused.send, r)).rejects.toBe(closed);
		expect(refused.calls()).toBe(1);
		expect(r.waits).toEqual([]);
	});

	it('stops when resending no longer makes sense (the question closed meanwhile)', async () => {
		const s = flaky([lost(), lost(), lost(), lost()]);
		let open = true;
		const r = {
			sleep: async () => {
				open = false;
			}
		};
		await expect(withRetry(s.send, { ...r, stop: () => !open })).rejects.toMatchObject({
			code: 'network'
		});
		expect(s.calls()).toBe(1);
	});

	it('gives up after the last attempt with the last error', async () => {
		const errors = Array.from({ length: ANSWER_BACKOFF.attempts + 2 }, lost);
		const s = flaky(errors);
		const r = recorder();
		await expect(withRetry(s.send, { sleep: r.sleep })).rejects.toBe(
			errors[ANSWER_BACKOFF.attempts - 1]
		);
		expect(s.calls()).toBe(ANSWER_BACKOFF.attempts);
		expect(r.waits).toHaveLength(ANSWER_BACKOFF.attempts - 1);
	});

	it('waits exponentially, capped, spread by jitter so phones do not resend in step', () => {
		const b = { baseMs: 500, maxMs: 5000, attempts: 10 };
		expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, b, () => 1))).toEqual([
			500, 1000, 2000, 4000, 5000, 5000
		]);
		expect(backoffDelay(3, b, () => 0)).toBe(1500);
		// In all, the default schedule covers about a minute: longer than a typical answer timer.
		const total = Array.from({ length: ANSWER_BACKOFF.attempts - 1 }, (_, i) =>
			backoffDelay(i + 1, ANSWER_BACKOFF, () => 1)
		).reduce((x, y) => x + y, 0);
		expect(total).toBeGreaterThanOrEqual(45_000);
		expect(total).toBeLessThanOrEqual(90_000);
	});

	it('retries only what may have been lost', () => {
		expect(isRetryable(lost())).toBe(true);
		expect(isRetryable(new LiveApiError('internal', 'x', 503))).toBe(true);
		expect(isRetryable(new LiveApiError('already-answered', 'x', 409))).toBe(false);
		expect(isRetryable(new LiveApiError('rate-limited', 'x', 429))).toBe(false);
		expect(isRetryable(new Error('other'))).toBe(false);
	});
});
