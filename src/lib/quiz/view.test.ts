/**
 * The view of the open question keeps the parts a step does not change: the screens compare them by
 * identity, and redraw only what changed.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { DecideQuestion } from '$lib/scenarios/generate';
import { createQuizMachine } from './machine';
import { optionOrder } from './order';
import { shippedCatalog } from './test-catalog';
import { progressOf, questionView } from './view';

const catalog = shippedCatalog();
const q = catalog.questions.find(
	(x): x is DecideQuestion => x.kind === 'decide' && x.options.length >= 3
)!;

function drill(seed: number) {
	const actor = createActor(createQuizMachine(catalog)).start();
	actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [q.id] }, seed, at: 0 });
	return actor;
}

describe('questionView', () => {
	it('gives one shown order for every step of a question, and the drill’s own order', () => {
		const actor = drill(7);
		const first = questionView(catalog, actor.getSnapshot())!;
		actor.send({ type: 'user.showAll', at: 1 });
		const asking = questionView(catalog, actor.getSnapshot())!;
		actor.send({ type: 'user.select', index: first.choices[0]! });
		const picked = questionView(catalog, actor.getSnapshot())!;
		expect(asking).not.toBe(first);
		expect(asking.choices).toBe(first.choices);
		expect(picked.choices).toBe(first.choices);
		expect(picked.choices).toEqual(optionOrder(7, q.id, q.options.length));

		// Another drill of the same question draws its own order, and the first one's is not kept for it.
		const other = Array.from({ length: 50 }, (_, i) => i + 8).find(
			(s) => optionOrder(s, q.id, q.options.length).join() !== first.choices.join()
		)!;
		const again = questionView(catalog, drill(other).getSnapshot())!;
		expect(again.choices).toEqual(optionOrder(other, q.id, q.options.length));
		expect(questionView(catalog, drill(7).getSnapshot())!.choices).toEqual(first.choices);
	});

	it('keeps the selection a step does not change', () => {
		const actor = drill(3);
		actor.send({ type: 'user.showAll', at: 1 });
		actor.send({ type: 'user.select', index: 0 });
		const before = questionView(catalog, actor.getSnapshot())!;
		actor.send({ type: 'system.hidden', at: 2 });
		const after = questionView(catalog, actor.getSnapshot())!;
		expect(after.selection).toBe(before.selection);
	});
});

describe('the progress line', () => {
	const answer = { correct: true } as NonNullable<Parameters<typeof progressOf>[0]['answer']>;
	// Question 3 of a drill, two answered before it (one right).
	const asking = { position: 3, answered: 2, correct: 1, answer: null };
	const answered = { position: 3, answered: 3, correct: 2, answer };

	it('counts the questions before the open one while it is asked', () => {
		expect(progressOf(asking, false, false)).toEqual({ done: 2, correct: 1, answered: 2 });
	});

	it('counts an answer only once it is counted, a frame after its feedback shows', () => {
		expect(progressOf(answered, true, false)).toEqual({ done: 2, correct: 1, answered: 2 });
		expect(progressOf(answered, true, true)).toEqual({ done: 3, correct: 2, answered: 3 });
		const wrong = { ...answered, correct: 1, answer: { ...answer, correct: false } };
		expect(progressOf(wrong, true, false)).toEqual({ done: 2, correct: 1, answered: 2 });
		expect(progressOf(wrong, true, true)).toEqual({ done: 3, correct: 1, answered: 3 });
	});
});
