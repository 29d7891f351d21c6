/** Component tests in jsdom: the script mock-up and the question panel render and report what they should. */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createQuizMachine } from '$lib/quiz/machine';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { questionView } from '$lib/quiz/view';
import QuestionPanel from './QuestionPanel.svelte';
import ScriptView from './ScriptView.svelte';

const catalog = shippedCatalog();
const scenario = catalog.scenario.get('securities-call-wechat-group')!;
const flags = Object.fromEntries(catalog.flag);

describe('ScriptView', () => {
	it('draws each run of steps as its channel and labels every step for screen readers', () => {
		const { container } = render(ScriptView, { scenario });
		expect(container.querySelectorAll('[data-step]')).toHaveLength(scenario.steps.length);
		const runs = [...container.querySelectorAll('.run')].map(
			(el) => el.className.match(/ch-([\w-]+)/)?.[1]
		);
		// One mock-up per run of consecutive steps on a channel, in script order.
		expect(runs).toEqual(
			scenario.steps.map((s) => s.channel).filter((c, i, all) => i === 0 || all[i - 1] !== c)
		);
		const firstNamed = scenario.steps.findIndex((s) => s.from !== 'you' && s.speaker);
		const label = `Step ${firstNamed + 1}, ${scenario.steps[firstNamed]!.speaker!.en},`;
		expect(screen.getByText((text) => text.startsWith(label))).toBeInTheDocument();
		expect(container.querySelectorAll('.flagged')).toHaveLength(0);
	});

	it('shows only the steps revealed so far', () => {
		const { container } = render(ScriptView, { scenario, visible: 2 });
		expect(container.querySelectorAll('[data-step]')).toHaveLength(2);
	});

	it('highlights flagged steps and names their red flags when flags are given', () => {
		const { container } = render(ScriptView, { scenario, flags });
		const flagged = scenario.steps.filter((s) => s.flags.length > 0).length;
		expect(container.querySelectorAll('.flagged')).toHaveLength(flagged);
		const named = scenario.steps.flatMap((s) => s.flags)[0]!;
		const name = catalog.flag.get(named)!.name.en;
		expect(screen.getAllByText((text) => text.includes(name))).not.toHaveLength(0);
	});
});

describe('QuestionPanel', () => {
	function asking() {
		const actor = createActor(createQuizMachine(catalog)).start();
		actor.send({
			type: 'user.start',
			deck: { kind: 'ids', ids: [`${scenario.id}/verdict`] },
			seed: 1,
			at: 0
		});
		actor.send({ type: 'user.showAll', at: 1 });
		return actor;
	}

	it('keeps both submit buttons disabled until an answer is chosen', () => {
		const view = questionView(catalog, asking().getSnapshot())!;
		render(QuestionPanel, { view, onselect: vi.fn(), onsubmit: vi.fn() });
		expect(screen.getByRole('button', { name: /I’m sure/ })).toBeDisabled();
		expect(screen.getByRole('button', { name: /not sure/ })).toBeDisabled();
	});

	it('reports the chosen option and the confidence of the submit', async () => {
		const actor = asking();
		const onselect = vi.fn();
		const onsubmit = vi.fn();
		const first = render(QuestionPanel, {
			view: questionView(catalog, actor.getSnapshot())!,
			onselect,
			onsubmit
		});
		await fireEvent.click(screen.getByRole('radio', { name: /Legitimate/ }));
		expect(onselect).toHaveBeenCalledWith(1);
		first.unmount();
		actor.send({ type: 'user.select', index: 1 });
		render(QuestionPanel, {
			view: questionView(catalog, actor.getSnapshot())!,
			onselect,
			onsubmit
		});
		await fireEvent.click(screen.getByRole('button', { name: /not sure/ }));
		expect(onsubmit).toHaveBeenCalledWith('unsure');
	});
});
