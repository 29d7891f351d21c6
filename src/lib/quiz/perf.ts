/**
 * Performance marks for the time from an answer to its feedback on screen. The bench reads the
 * `fd:answer-to-feedback` measures; nothing in the app depends on them.
 */
const ANSWER = 'fd:answer';

/** Marks the moment an answer is submitted. */
export function markAnswer(): void {
	if (typeof performance !== 'undefined') performance.mark(ANSWER);
}

/** Marks feedback as painted (after the next frame) and measures from the last answer. */
export function markFeedbackShown(): void {
	if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
	requestAnimationFrame(() => {
		if (performance.getEntriesByName(ANSWER, 'mark').length === 0) return;
		performance.measure('fd:answer-to-feedback', ANSWER);
		performance.clearMarks(ANSWER);
	});
}
