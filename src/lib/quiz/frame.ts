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

/**
 * Runs `work` after the next paint once the browser has nothing else to do (or after `timeoutMs` at the
 * latest): for work the learner will soon need but is not waiting for now, such as drawing a question's
 * feedback while its script is read. Returns a function that cancels it if it has not run yet.
 */
export function afterPaintWhenIdle(work: () => void, timeoutMs = 1000): () => void {
	let cancelled = false;
	let idle: number | undefined;
	afterPaint(() => {
		if (cancelled) return;
		if (typeof requestIdleCallback === 'function')
			idle = requestIdleCallback(
				() => {
					if (!cancelled) work();
				},
				{ timeout: timeoutMs }
			);
		else work();
	});
	return () => {
		cancelled = true;
		if (idle !== undefined) cancelIdleCallback(idle);
	};
}
