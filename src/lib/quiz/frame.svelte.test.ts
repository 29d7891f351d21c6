/**
 * Work timed against the frames the browser paints: work that runs once the next frame is painted
 * (afterPaint).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from './frame';

describe('afterPaint', () => {
	beforeEach(() => {
		vi.useFakeTimers({
			toFake: [
				'setTimeout',
				'clearTimeout',
				'requestAnimationFrame',
				'cancelAnimationFrame',
				'queueMicrotask'
			]
		});
	});
	afterEach(() => {
		vi.restoreAllMocks();
		vi.useRealTimers();
	});

	it('asks for one frame callback for all the work a task queues, and runs it in order once painted', () => {
		const frames = vi.spyOn(globalThis, 'requestAnimationFrame');
		const order: number[] = [];
		afterPaint(() => order.push(1));
		afterPaint(() => order.push(2));
		afterPaint(() => order.push(3));
		expect(frames).toHaveBeenCalledTimes(1);
		vi.advanceTimersToNextFrame();
		expect(order).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(order).toEqual([1, 2, 3]);
	});

	it('runs the rest of the work when one piece throws, and reports the error', () => {
		const done = vi.fn();
		afterPaint(() => {
			throw new Error('broken');
		});
		afterPaint(done);
		vi.advanceTimersToNextFrame();
		vi.advanceTimersByTime(1);
		expect(done).toHaveBeenCalledTimes(1);
		// The error is thrown again in a task of its own, where the page reports it.
		expect(() => vi.runOnlyPendingTimers()).toThrow('broken');
	});

	it('never joins work to the frame callback of an earlier task', () => {
		// A frame callback that never comes (a test's frames reset, say) must not hold later work back.
		const lost = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementationOnce(() => 0);
		afterPaint(() => {});
		vi.runAllTicks();
		lost.mockRestore();
		const later = vi.fn();
		afterPaint(later);
		vi.advanceTimersToNextFrame();
		vi.advanceTimersByTime(1);
		expect(later).toHaveBeenCalledTimes(1);
	});
});
