/**
 * The quiz player draws a question's feedback ahead, laid out but invisible, once the script is painted
 * and the browser is idle; the answer then shows that same panel, marked with its verdict. A check draws
 * none. Here the panel's code has arrived before the player starts, as it has after a first question (an
 * answer that comes before it is tested in the browser, tests/e2e/load-path.spec.ts).
 */
import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { localText, m } from '$lib/i18n';
import { createQuizMachine } from '$lib/quiz/machine';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { questionView } from '$lib/quiz/view';
import QuizPlayer, { loadFeedback } from './QuizPlayer.svelte';

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

/** Idle callbacks asked for, run only when a test says the browser is idle (see `idle`). */
let idleQueue: (() => void)[] = [];

/** The browser is idle: runs the idle callbacks asked for so far. */
function idle() {
	const due = idleQueue;
	idleQueue = [];
	for (const work of due) work();
	flushSync();
}

/** Runs the frame and the task after it (afterPaint), then what waits for idle time. */
function paintAndIdle() {
	vi.advanceTimersToNextFrame();
	vi.runOnlyPendingTimers();
	idle();
	vi.runOnlyPendingTimers();
	flushSync();
}

/**
 * Ends the test's task: the key press that answers is a task of its own, and work queued for after a
 * paint is shared only within one task and its microtasks (see afterPaint).
 */
async function nextTask() {
	await Promise.resolve();
}

/** The next frames, and the tasks they queue, with no idle time between them. */
function busyFrames(n: number) {
	for (let i = 0; i < n; i++) {
		vi.advanceTimersToNextFrame();
		vi.runOnlyPendingTimers();
		flushSync();
	}
}

describe('QuizPlayer feedback drawn ahead', () => {
	beforeAll(async () => {
		await loadFeedback();
	});
	// jsdom lays nothing out and has no scrollIntoView; the player keeps the newest message in view with it.
	const scrolled = vi.fn();
	beforeEach(() => {
		HTMLElement.prototype.scrollIntoView = scrolled;
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame']
		});
		idleQueue = [];
		vi.stubGlobal('requestIdleCallback', (work: () => void) => idleQueue.push(work));
		vi.stubGlobal('cancelIdleCallback', (handle: number) => {
			idleQueue[handle - 1] = () => {};
		});
	});
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
		delete (HTMLElement.prototype as { scrollIntoView?: unknown }).scrollIntoView;
	});

	it('is hidden while the script is read and the same panel shows the verdict after the answer', async () => {
		const actor = drill();
		const { container, rerender } = render(QuizPlayer, props(actor, 'presenting'));
		expect(container.querySelector('.feedback')).toBeNull();
		paintAndIdle();
		const ahead = container.querySelector<HTMLElement>('.feedback');
		expect(ahead).not.toBeNull();
		expect(ahead!.classList.contains('ahead')).toBe(true);
		// Drawn, not shown: out of reach of the keyboard, the pointer and screen readers.
		expect(ahead!.inert).toBe(true);
		expect(ahead!.getAttribute('aria-hidden')).toBe('true');
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
		await nextTask();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 2 });
		rerender(props(actor, 'feedback'));
		const shown = container.querySelector<HTMLElement>('.feedback');
		expect(shown).toBe(ahead);
		expect(shown!.classList.contains('ahead')).toBe(false);
		expect(shown!.inert).toBe(false);
		expect(shown!.hasAttribute('aria-hidden')).toBe(false);
		const answer = actor.getSnapshot().context.answers[0]!;
		expect(shown!.dataset.correct).toBe(String(answer.correct));
		// The question is hidden with its answer, not on screen beside the feedback.
		expect(container.querySelector('#question-title')!.closest('[hidden]')).not.toBeNull();
		// The answer's frame shows the verdict alone, and the frames right after it keep to that; the
		// script's marks follow once the browser is idle.
		flushSync();
		busyFrames(2);
		expect(container.querySelectorAll('.flagged')).toHaveLength(0);
		expect(chips.every((c) => c.hidden)).toBe(true);
		idle();
		// The same names are shown, on the highlighted steps.
		expect(container.querySelectorAll('.flagged')).toHaveLength(chips.length);
		expect(chips.every((c) => c.isConnected && !c.hidden)).toBe(true);
		// A step on the feedback screen (the page hidden a moment) keeps them.
		actor.send({ type: 'system.hidden', at: 3 });
		rerender(props(actor, 'feedback'));
		expect(container.querySelectorAll('.flagged')).toHaveLength(chips.length);
	});

	it("puts a step question's controls away once the answer's frame is painted and the browser is idle", async () => {
		const stop = catalog.questions.find((x) => x.kind === 'stop')!;
		const actor = createActor(createQuizMachine(catalog)).start();
		actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [stop.id] }, seed: 1, at: 0 });
		actor.send({ type: 'user.showAll', at: 1 });
		const { container, rerender } = render(QuizPlayer, props(actor, 'asking'));
		const column = container.querySelector<HTMLElement>('.script-col')!;
		expect(container.querySelectorAll('.step-control').length).toBeGreaterThan(0);
		actor.send({ type: 'user.select', index: stop.choices[0]! });
		await nextTask();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 2 });
		rerender(props(actor, 'feedback'));
		flushSync();
		expect(column.classList.contains('answered')).toBe(false);
		busyFrames(2);
		expect(column.classList.contains('answered')).toBe(false);
		idle();
		expect(column.classList.contains('answered')).toBe(true);
	});

	it('counts the answer in the progress line after its feedback is painted, with the marks', async () => {
		const second = catalog.questions.find((x) => x.id !== id)!;
		const actor = createActor(createQuizMachine(catalog)).start();
		actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [id, second.id] }, seed: 1, at: 0 });
		actor.send({ type: 'user.showAll', at: 1 });
		const { container, rerender } = render(QuizPlayer, props(actor, 'asking'));
		const bar = container.querySelector<HTMLElement>('[role=progressbar]')!;
		const text = container.querySelector<HTMLElement>('.progress .text')!;
		expect(bar.getAttribute('aria-valuenow')).toBe('0');
		expect(text.textContent).toContain(m.quiz_score({ correct: 0, answered: 0 }));
		actor.send({ type: 'user.select', index: 0 });
		await nextTask();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 2 });
		rerender(props(actor, 'feedback'));
		flushSync();
		// The answer's frame: the verdict, and the progress line as it was.
		expect(container.querySelector('.feedback')!.classList.contains('ahead')).toBe(false);
		expect(bar.getAttribute('aria-valuenow')).toBe('0');
		expect(text.textContent).toContain(m.quiz_score({ correct: 0, answered: 0 }));
		busyFrames(2);
		expect(bar.getAttribute('aria-valuenow')).toBe('0');
		idle();
		// Once the browser is idle: the answer counted.
		const correct = actor.getSnapshot().context.answers[0]!.correct ? 1 : 0;
		expect(bar.getAttribute('aria-valuenow')).toBe('1');
		expect(text.textContent).toContain(m.quiz_score({ correct, answered: 1 }));
		// The next question starts from the counted answer at once.
		actor.send({ type: 'user.next', at: 3 });
		rerender(props(actor, 'presenting'));
		flushSync();
		expect(bar.getAttribute('aria-valuenow')).toBe('1');
		expect(text.textContent).toContain(m.quiz_score({ correct, answered: 1 }));
	});

	it('drawn ahead, follows the pick, so that the answer finds its lines filled in', () => {
		const decide = catalog.questions.find((x) => x.kind === 'decide' && x.options.length >= 3)!;
		if (decide.kind !== 'decide') throw new Error('no decide question');
		const safe = decide.options.findIndex((o) => o.safe);
		const unsafe = decide.options.findIndex((o) => !o.safe);
		const actor = createActor(createQuizMachine(catalog)).start();
		actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [decide.id] }, seed: 1, at: 0 });
		actor.send({ type: 'user.showAll', at: 1 });
		const { container, rerender } = render(QuizPlayer, props(actor, 'asking'));
		paintAndIdle();
		const panel = container.querySelector<HTMLElement>('.feedback')!;
		const lines = () =>
			[...panel.querySelectorAll<HTMLElement>('p')]
				.filter((p) => !p.hidden)
				.map((p) => p.textContent);
		// No pick yet: no "You chose" line; the safe answer is there to show.
		expect(lines().some((t) => t?.includes(localText(decide.options[safe]!.text)))).toBe(true);

		actor.send({ type: 'user.select', index: unsafe });
		rerender(props(actor, 'asking'));
		expect(lines().some((t) => t?.includes(localText(decide.options[unsafe]!.text)))).toBe(true);
		expect(panel.classList.contains('ahead')).toBe(true);
		expect(panel.hasAttribute('data-correct')).toBe(false);

		// A right pick hides the safe answer's lines; the answer then shows the same panel, marked right.
		actor.send({ type: 'user.select', index: safe });
		rerender(props(actor, 'asking'));
		actor.send({ type: 'user.submit', confidence: 'sure', at: 2 });
		rerender(props(actor, 'feedback'));
		expect(container.querySelector('.feedback')).toBe(panel);
		expect(panel.classList.contains('ahead')).toBe(false);
		expect(panel.dataset.correct).toBe('true');
		expect(lines().filter((t) => t?.includes(localText(decide.options[safe]!.text)))).toHaveLength(
			1
		);
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
		expect(shown!.classList.contains('ahead')).toBe(false);
		expect(shown!.hasAttribute('data-correct')).toBe(true);
	});

	it('on to the next question, is put away at once and taken apart after the paint', () => {
		const next = 'accomplice-car-traffic-box/verdict';
		const actor = createActor(createQuizMachine(catalog)).start();
		actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [id, next] }, seed: 1, at: 0 });
		actor.send({ type: 'user.showAll', at: 1 });
		const { container, rerender } = render(QuizPlayer, props(actor, 'asking'));
		actor.send({ type: 'user.select', index: 0 });
		actor.send({ type: 'user.submit', confidence: 'sure', at: 2 });
		rerender(props(actor, 'feedback'));
		const read = container.querySelector<HTMLElement>('.feedback')!;
		expect(read.classList.contains('ahead')).toBe(false);

		actor.send({ type: 'user.next', at: 3 });
		const view = props(actor, 'presenting');
		expect(view.view.question.id).toBe(next);
		rerender(view);
		// The key press that brings the next question only puts the panel away: out of sight, out of reach.
		expect(read.isConnected).toBe(true);
		expect(read.classList.contains('ahead')).toBe(true);
		expect(read.inert).toBe(true);
		expect(read.getAttribute('aria-hidden')).toBe('true');
		expect(container.querySelector('[data-question]')!.getAttribute('data-question')).toBe(next);
		// Taken apart after the next question is painted, and the next one's panel drawn ahead when idle.
		vi.advanceTimersToNextFrame();
		vi.runOnlyPendingTimers();
		flushSync();
		expect(read.isConnected).toBe(false);
		paintAndIdle();
		const ahead = container.querySelectorAll<HTMLElement>('.feedback');
		expect(ahead).toHaveLength(1);
		expect(ahead[0]).not.toBe(read);
		expect(ahead[0]!.classList.contains('ahead')).toBe(true);
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
