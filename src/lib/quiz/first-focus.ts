/**
 * Focus for a drill's first screen, which appears when the button that started the drill (or resumed it)
 * is gone and focus has fallen to the page body. Moving it there in the render that builds the screen
 * lays the whole screen out in that task (the browser must know what is focusable), before the frame
 * would lay it out anyway: on a slow phone the first question's frame then waits for two layouts when the
 * screen changes again at once. So it moves after the paint, unless the learner's latest input was a
 * key: a keyboard user may press Tab straight after Enter, and that Tab must start from the new screen.
 */
import { afterPaint } from './frame';

/** Whether the latest key or pointer press on the page was a key. */
let keyLast = false;

if (typeof addEventListener === 'function') {
	// Capture phase, before any handler acts on the press (starting the drill is one).
	addEventListener('keydown', () => (keyLast = true), { capture: true, passive: true });
	addEventListener('pointerdown', () => (keyLast = false), { capture: true, passive: true });
}

/** Whether the learner's latest press on the page was a key (false before any press). */
export function keyPressedLast(): boolean {
	return keyLast;
}

/**
 * Focuses `el` (without scrolling) as a new screen appears: now when the latest press was a key, else
 * after the paint, and then only if focus is still where the screen change left it (the page body or
 * nowhere) and `el` is still on the page, so that a focus the learner moved meanwhile is kept.
 */
export function focusOnArrival(el: HTMLElement): void {
	if (keyLast) {
		el.focus({ preventScroll: true });
		return;
	}
	afterPaint(() => {
		const active = document.activeElement;
		if (el.isConnected && (active === null || active === document.body))
			el.focus({ preventScroll: true });
	});
}
