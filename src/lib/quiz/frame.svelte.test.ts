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
