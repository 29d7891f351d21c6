/**
 * Work that must not delay what the learner sees (saving, moving focus) runs after the next frame is
 * painted: a requestAnimationFrame callback runs before that frame's layout and paint, and a task queued
 * from it runs after them. A hidden page paints no frames, so there the work runs as a plain task.
 */
export function afterPaint(fn: () => void): void {
	if (
		typeof requestAnimationFrame === 'undefined' ||
		typeof document === 'undefined' ||
		document.hidden
	) {
		setTimeout(fn, 0);
		return;
	}
	requestAnimationFrame(() => setTimeout(fn, 0));
}
