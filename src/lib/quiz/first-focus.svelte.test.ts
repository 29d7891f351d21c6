/**
 * Focus for a drill's first screen (jsdom): at once after a key press, after the paint after a pointer
 * press (or none), and never taken from where the learner moved it meanwhile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { focusOnArrival, keyPressedLast } from './first-focus';

/** The frame after the next one has been painted, and the task queued after it (afterPaint's moment). */
const painted = () =>
	new Promise<void>((resolve) =>
		requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))
	);

function screen(): { more: HTMLElement; other: HTMLButtonElement } {
	document.body.innerHTML =
		'<button id="other">other</button><div id="more" tabindex="-1"><button>Next message</button></div>';
	return {
		more: document.getElementById('more') as HTMLElement,
		other: document.getElementById('other') as HTMLButtonElement
	};
}

const press = (type: 'keydown' | 'pointerdown') =>
	document.body.dispatchEvent(new Event(type, { bubbles: true }));

afterEach(() => {
	(document.activeElement as HTMLElement | null)?.blur();
	document.body.innerHTML = '';
});

describe('focus as a drill screen appears', () => {
	it('moves at once when the latest press was a key, so that the next Tab starts there', () => {
		press('keydown');
		expect(keyPressedLast()).toBe(true);
		const { more } = screen();
		focusOnArrival(more);
		expect(document.activeElement).toBe(more);
	});

	it('moves after the paint when the latest press was a pointer', async () => {
		press('keydown');
		press('pointerdown');
		expect(keyPressedLast()).toBe(false);
		const { more } = screen();
		focusOnArrival(more);
		expect(document.activeElement).toBe(document.body);
		await painted();
		expect(document.activeElement).toBe(more);
	});

	it('leaves a focus the learner moved before the paint where it is', async () => {
		press('pointerdown');
		const { more, other } = screen();
		focusOnArrival(more);
		other.focus();
		await painted();
		expect(document.activeElement).toBe(other);
	});

	it('does nothing for a screen gone before the paint', async () => {
		press('pointerdown');
		const { more } = screen();
		focusOnArrival(more);
		more.remove();
		await painted();
		expect(document.activeElement).toBe(document.body);
	});
});
