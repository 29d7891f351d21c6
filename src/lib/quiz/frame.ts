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
	// One frame callback and one task for all the work a task queues for the next paint: an answer
	// queues several (its save, the feedback's focus, its measure), and each frame callback or timer asked
	// for costs the key press the learner waits on. Shared within the task that asked and its microtasks
	// only, so that no work can ever join a frame callback that will not come.
	if (batch) {
		batch.push(fn);
		return;
	}
	const work = [fn];
	batch = work;
	queueMicrotask(() => {
		if (batch === work) batch = null;
	});
	requestAnimationFrame(() => setTimeout(() => runAll(work), 0));
}

/** The work the current task has queued for after the next paint, if any. */
let batch: (() => void)[] | null = null;

/** Runs each piece of work; one that throws is reported and does not keep the others from running. */
function runAll(batch: readonly (() => void)[]): void {
	for (const fn of batch) {
		try {
			fn();
		} catch (err) {
			setTimeout(() => {
				throw err;
			}, 0);
		}
	}
}

/**
 * Runs `work` once the page has painted what is on screen now and the browser is idle (or after
 * `timeoutMs` at the latest): for work the learner will soon need but is not waiting for now, such as
 * drawing a question's feedback while its script is read, or fetching the rest of a deck, which must not
 * compete with the first question for the CPU or a slow link. Returns a function that cancels it if it has
 * not run yet.
 */
export function afterPaintWhenIdle(work: () => void, timeoutMs = 1000): () => void {
	let cancelled = false;
	let idle: number | undefined;
	const run = () => {
		if (!cancelled) work();
	};
	afterPaint(() => {
		if (cancelled) return;
		if (typeof requestIdleCallback === 'function')
			idle = requestIdleCallback(run, { timeout: timeoutMs });
		else run();
	});
	return () => {
		cancelled = true;
		if (idle !== undefined) cancelIdleCallback(idle);
	};
}

/**
 * Moves focus to a heading that has just been painted, scrolling only when it is out of view. Measured
 * before the focus moves, while layout and styles are clean: measured after, the styles the focus changes
 * would be brought up to date first, a forced style update before the next frame. Call it after the paint
 * (see afterPaint).
 */
export function focusInView(el: HTMLElement): void {
	const { top, bottom } = el.getBoundingClientRect();
	el.focus({ preventScroll: true });
	if (top < 0 || bottom > window.innerHeight) el.scrollIntoView({ block: 'nearest' });
}
