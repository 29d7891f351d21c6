/**
 * The quiz player draws a question's feedback ahead, hidden, once the script is painted and the browser
 * is idle; the answer then shows that same panel with its verdict filled in. A check draws none.
 */
import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createQuizMachine } from '$lib/quiz/machine';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { questionView } from '$lib/quiz/view';
import QuizPlayer from './QuizPlayer.svelte';

const catalog = shippedCatalog();
const flags = Object.fromEntries(catalog.flag);
const id = 'securities-call-wechat-group/verdict';

function drill() {
	const actor = createActor(createQuizMachine(catalog)).start();
	actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [id] }, seed: 1, at: 0 });
	return actor;
}

function props(actor: ReturnType<typeof drill>, screen: 'presenting' | 'asking' | 'feedback') {
	const noop = () => {};
	return {
		view: questionView(catalog, actor.getSnapshot())!,
		screen,
		flags,
		onnext: noop,
		onshowall: noop,
		onselect: noop,
		ontoggle: noop,
		onsubmit: noop,
		onpause: noop,
		onquit: noop
	};
}

/** Runs the frame and the task after it (afterPaint), then what waits for idle time. */
function paintAndIdle() {
	vi.advanceTimersToNextFrame();
	vi.runOnlyPendingTimers();
	vi.runOnlyPendingTimers();
	flushSync();
}

describe('QuizPlayer feedback drawn ahead', () => {
	// jsdom lays nothing out and has no scrollIntoView; the player keeps the newest message in view with it.
	const scrolled = vi.fn();
	beforeEach(() => {
		HTMLElement.prototype.scrollIntoView = scrolled;
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame']
		});
	});
	afterEach(() => {
		vi.useRealTimers();
		delete (HTMLElement.prototype as { scrollIntoView?: unknown }).scrollIntoView;
	});

	it('is hidden while the script is read and the same panel shows the verdict after the answer', () => {
		const actor = drill();
		const { container, rerender } = render(QuizPlayer, props(actor, 'presenting'));
		expect(container.querySelector('.feedback')).toBeNull();
		paintAndIdle();
		const ahead = container.querySelector<HTMLElement>('.feedback');
		expect(ahead).not.toBeNull();
		expect(ahead!.hidden).toBe(true);
		// Nothing in it says right or wrong before there is an answer.
		expect(ahead!.hasAttribute('data-correct')).toBe(false);

		actor.send({ type: 'user.showAll', at: 1 });
		rerender(props(actor, 'asking'));
		expect(container.querySelector('.feedback')).toBe(ahead);
		expect(container.querySelector('#question-title')).not.toBeNull();
		// The red flags' names are drawn with the script, hidden, and no step is highlighted yet.
		const chips = [...container.querySelectorAll<HTMLElement>('.chips')];
		expect(chips.length).toBeGreaterThan(0);
		expect(chips.every((c) => c.hidden)).toBe(true);
		expect(container.querySelectorAll('.flagged')).toHaveLength(0);

		actor.send({ type: 'user.select', index: 0 });
		actor.send({ type: 'user.submit', confidence: 'sure', at: 2 });
		rerender(props(actor, 'feedback'));
		const shown = container.querySelector<HTMLElement>('.feedback');
		expect(shown).toBe(ahead);
		expect(shown!.hidden).toBe(false);
		const answer = actor.getSnapshot().context.answers[0]!;
		expect(shown!.dataset.correct).toBe(String(answer.correct));
		// The same names are shown, on the highlighted steps.
		expect(container.querySelectorAll('.flagged')).toHaveLength(chips.length);
		expect(chips.every((c) => c.isConnected && !c.hidden)).toBe(true);
		// The question is hidden with its answer, not on screen beside the feedback.
		expect(container.querySelector('#question-title')!.closest('[hidden]')).not.toBeNull();
	});

	it('is drawn at once when the answer comes before the browser was idle', () => {
		const actor = drill();
		actor.send({ type: 'user.showAll', at: 1 });
		const { container, rerender } = render(QuizPlayer, props(actor, 'asking'));
		expect(container.querySelector('.feedback')).toBeNull();
		actor.send({ type: 'user.select', index: 1 });
		actor.send({ type: 'user.submit', confidence: 'unsure', at: 2 });
		rerender(props(actor, 'feedback'));
		const shown = container.querySelector<HTMLElement>('.feedback');
		expect(shown!.hidden).toBe(false);
		expect(shown!.hasAttribute('data-correct')).toBe(true);
	});

	it('is never drawn in a check, which gives no feedback', () => {
		const actor = drill();
		actor.send({ type: 'user.showAll', at: 1 });
		const { container } = render(QuizPlayer, { ...props(actor, 'asking'), check: true });
		paintAndIdle();
		paintAndIdle();
		expect(container.querySelector('.feedback')).toBeNull();
		expect(container.querySelector('.chips')).toBeNull();
	});
});
