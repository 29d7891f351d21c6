/**
 * The answer panels draw a decide question's options in the drill's shuffled order and report every pick
 * and every hand count by the option's identity, never by where it was drawn.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import PresenterPanel from '$lib/components/PresenterPanel.svelte';
import QuestionPanel from '$lib/components/QuestionPanel.svelte';
import { localText } from '$lib/i18n';
import type { DecideQuestion } from '$lib/scenarios/generate';
import { createQuizMachine } from './machine';
import { optionOrder } from './order';
import { shippedCatalog } from './test-catalog';
import { questionView } from './view';

const catalog = shippedCatalog();
const q = catalog.questions.find(
	(x): x is DecideQuestion => x.kind === 'decide' && x.options.length >= 3
)!;
// A seed under which the first option shown is not the first authored one.
const seed = Array.from({ length: 100 }, (_, i) => i + 1).find(
	(s) => optionOrder(s, q.id, q.options.length)[0] !== 0
)!;
const order = optionOrder(seed, q.id, q.options.length);

function view() {
	const actor = createActor(createQuizMachine(catalog)).start();
	actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [q.id] }, seed, at: 0 });
	actor.send({ type: 'user.showAll', at: 1 });
	return questionView(catalog, actor.getSnapshot())!;
}

describe('shuffled options in the answer panels', () => {
	it('the question panel lists options in the drill’s order, numbered by position, picked by identity', async () => {
		const onselect = vi.fn();
		const { container } = render(QuestionPanel, { view: view(), onselect, onsubmit: vi.fn() });
		const shown = [...container.querySelectorAll('[data-choice]')];
		expect(shown.map((el) => Number(el.getAttribute('data-choice')))).toEqual(order);
		expect(shown.map((el) => el.querySelector('.key')?.textContent)).toEqual(
			order.map((_, i) => String(i + 1))
		);
		expect(shown.map((el) => el.textContent?.trim().replace(/^\d+\s*/, ''))).toEqual(
			order.map((i) => localText(q.options[i]!.text))
		);
		await fireEvent.click(screen.getAllByRole('radio')[0]!);
		expect(onselect).toHaveBeenCalledWith(order[0]);
	});

	it('presenter mode counts hands in the shown order and stores them by option', async () => {
		const onsubmit = vi.fn();
		render(PresenterPanel, { view: view(), onselect: vi.fn(), onsubmit });
		await fireEvent.click(screen.getByRole('checkbox'));
		const inputs = screen.getAllByRole('spinbutton');
		expect(inputs).toHaveLength(order.length);
		// Hands: 5 for the option shown first, 1 for each other.
		for (const [pos, input] of inputs.entries())
			await fireEvent.input(input, { target: { value: pos === 0 ? '5' : '1' } });
		await fireEvent.click(screen.getByRole('button', { name: /Record/ }));
		const counts = q.options.map((_, i) => (i === order[0] ? 5 : 1));
		expect(onsubmit).toHaveBeenCalledWith(counts);
	});
});
