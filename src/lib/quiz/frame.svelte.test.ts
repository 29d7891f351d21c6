/**
 * Work timed against the frames the browser paints: a change that follows one frame behind the one the
 * learner waits for (inFrameAfterNext), beside work that runs once that frame is painted (afterPaint).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, inFrameAfterNext } from './frame';

describe('inFrameAfterNext', () => {
	beforeEach(() => {
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame']
		});
	});
	afterEach(() => {
		vi.useRealTimers();
		delete (document as { hidden?: boolean }).hidden;
	});

	it('runs in the frame after the next one, after the work that waited for the next one to paint', () => {
		const order: string[] = [];
		inFrameAfterNext(() => order.push('after next'));
		afterPaint(() => order.push('painted'));
		// The next frame, then the task queued from it (the frame is painted between the two).
		vi.advanceTimersToNextFrame();
		expect(order).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(order).toEqual(['painted']);
		vi.advanceTimersToNextFrame();
		expect(order).toEqual(['painted', 'after next']);
		vi.advanceTimersToNextFrame();
		vi.runOnlyPendingTimers();
		expect(order).toHaveLength(2);
	});

	it('does nothing once cancelled', () => {
		const work = vi.fn();
		const cancel = inFrameAfterNext(work);
		vi.advanceTimersToNextFrame();
		cancel();
		vi.advanceTimersToNextFrame();
		vi.runOnlyPendingTimers();
		expect(work).not.toHaveBeenCalled();
	});

	it('runs as a plain task on a hidden page, which paints no frames', () => {
		Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
		const work = vi.fn();
		inFrameAfterNext(work);
		expect(work).not.toHaveBeenCalled();
		vi.runOnlyPendingTimers();
		expect(work).toHaveBeenCalledTimes(1);
	});
});

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
