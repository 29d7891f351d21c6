/**
 * Performance marks for the time from an answer to its feedback on screen. The bench reads the
 * `fd:answer-to-feedback` measures; nothing in the app depends on them.
 */
import { afterPaint } from './frame';

const ANSWER = 'fd:answer';

/** Marks the moment an answer is submitted. */
export function markAnswer(): void {
	if (typeof performance !== 'undefined') performance.mark(ANSWER);
}

/**
 * Measures from the last answer to the feedback painted: the end is taken in a task queued from the next
 * frame's requestAnimationFrame callback, which runs after that frame's style, layout and paint (the
 * callback itself runs before them, and would leave them out).
 */
export function markFeedbackShown(): void {
	if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
	afterPaint(() => {
		if (performance.getEntriesByName(ANSWER, 'mark').length === 0) return;
		performance.measure('fd:answer-to-feedback', ANSWER);
		performance.clearMarks(ANSWER);
	});
}
