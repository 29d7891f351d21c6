/**
 * Performance measures of the time from an answer to its feedback on screen. The bench reads the
 * `fd:answer-to-feedback` measures; nothing in the app depends on them.
 */
import { afterPaint } from './frame';

/**
 * When the last answer was submitted (performance.now()), until its feedback is measured. A number, not a
 * performance mark: a mark cost 3-17 ms of the key press the learner waits on at 4x CPU slowdown (the
 * first one of a page the most), a number nothing.
 */
let answeredAt: number | null = null;

/** Marks the moment an answer is submitted. */
export function markAnswer(): void {
	if (typeof performance !== 'undefined') answeredAt = performance.now();
}

/**
 * Measures from the last answer to the feedback painted: the end is taken in a task queued from the next
 * frame's requestAnimationFrame callback, which runs after that frame's style, layout and paint (the
 * callback itself runs before them, and would leave them out).
 */
export function markFeedbackShown(): void {
	if (answeredAt === null || typeof requestAnimationFrame === 'undefined') return;
	afterPaint(() => {
		if (answeredAt === null) return;
		performance.measure('fd:answer-to-feedback', { start: answeredAt, end: performance.now() });
		answeredAt = null;
	});
}
