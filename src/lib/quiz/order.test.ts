import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { DecideQuestion } from '$lib/scenarios/generate';
import { checkSavedQuiz } from '$lib/progress/saved-quiz-check';
import { grade } from './grade';
import { keyToEvent } from './keys';
import { createQuizMachine } from './machine';
import { hashText, optionOrder, shownChoices } from './order';
import { shippedCatalog } from './test-catalog';
import { questionView } from './view';

const catalog = shippedCatalog();
const machine = createQuizMachine(catalog);
const decides = catalog.questions.filter((q): q is DecideQuestion => q.kind === 'decide');
const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Seeds 1…count. */
const seeds = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** The first seed under which `q` is shown in an order other than the authored one. */
function shuffledSeed(q: DecideQuestion): number {
	const seed = seeds(100).find(
		(s) => optionOrder(s, q.id, q.options.length).join() !== identity(q.options.length).join()
	);
	if (seed === undefined) throw new Error(`no seed reorders ${q.id}`);
	return seed;
}

/** A drill of one decide question, asked (script shown), under `seed`. */
function asking(q: DecideQuestion, seed: number) {
	const actor = createActor(machine).start();
	actor.send({ type: 'user.start', deck: { kind: 'ids', ids: [q.id] }, seed, at: 0 });
	actor.send({ type: 'user.showAll', at: 1 });
	return actor;
}

describe('option order', () => {
	it('is a permutation of the authored indices, for every size and many seeds and ids', () => {
		for (let n = 0; n <= 9; n++)
			for (const seed of [0, 1, 2 ** 32 - 1, 123456789])
				for (const id of ['a/decide/x', 'b/decide/y', ...decides.slice(0, 20).map((q) => q.id)]) {
					const order = optionOrder(seed, id, n);
					expect(order).toHaveLength(n);
					expect([...order].sort((a, b) => a - b)).toEqual(identity(n));
				}
	});

	it('is the same for the same seed and question, every time', () => {
		for (const q of decides)
			for (const seed of [1, 99, 4_000_000_000])
				expect(optionOrder(seed, q.id, q.options.length)).toEqual(
					optionOrder(seed, q.id, q.options.length)
				);
	});

	it('differs between seeds across a bank-sized sample of questions', () => {
		expect(decides.length).toBeGreaterThan(20);
		const orderOf = (seed: number) =>
			decides.map((q) => optionOrder(seed, q.id, q.options.length).join());
		const runs = seeds(20).map(orderOf);
		// Any two drills show the bank in different orders…
		expect(new Set(runs.map((r) => r.join('|'))).size).toBe(runs.length);
		// …and most single questions differ too (two seeds agree with chance 1/n! per question).
		const a = orderOf(1);
		const b = orderOf(2);
		const differing = a.filter((o, i) => o !== b[i]).length;
		expect(differing / a.length).toBeGreaterThan(0.5);
	});

	it('orders questions of one drill independently', () => {
		// Over many drills, the first option shown for one question says nothing about another's.
		const [q1, q2] = decides;
		const pairs = new Set(
			seeds(200).map((s) => `${optionOrder(s, q1!.id, 4)[0]}-${optionOrder(s, q2!.id, 4)[0]}`)
		);
		expect(pairs.size).toBe(16);
	});

	it('puts the authored first option in every position about equally often', () => {
		const n = 4;
		const at = identity(n).map(() => 0);
		const runs = 4000;
		for (const s of seeds(runs)) at[optionOrder(s, 'some/decide/q', n).indexOf(0)]! += 1;
		for (const count of at) {
			expect(count / runs).toBeGreaterThan(0.2);
			expect(count / runs).toBeLessThan(0.3);
		}
	});

	it('shuffles decide options only: verdicts stay fixed, steps stay in script order', () => {
		const scam = catalog.bank.scenarios.find((s) => s.verdict === 'scam')!;
		const verdict = catalog.question.get(`${scam.id}/verdict`)!;
		const flags = catalog.question.get(`${scam.id}/flags`)!;
		for (const seed of seeds(10)) {
			expect(shownChoices(verdict, seed)).toEqual([0, 1]);
			expect(shownChoices(flags, seed)).toEqual(flags.kind === 'flags' ? [...flags.choices] : []);
		}
	});

	it('hashes text stably to 32 bits', () => {
		expect(hashText('')).toBe(0x811c9dc5);
		expect(hashText('ABC234')).toBe(hashText('ABC234'));
		expect(hashText('ABC234')).not.toBe(hashText('ABC235'));
		expect(hashText('x'.repeat(1000))).toBeLessThan(2 ** 32);
	});
});

describe('a drill shows the seed’s order and answers by identity', () => {
	const q = decides.find((d) => d.options.length >= 3)!;
	const seed = shuffledSeed(q);
	const order = optionOrder(seed, q.id, q.options.length);

	it('shows the options in the seed’s order, and the same after a JSON round trip of the saved drill', () => {
		const actor = asking(q, seed);
		const view = questionView(catalog, actor.getSnapshot())!;
		expect(view.choices).toEqual(order);
		expect(view.choices).not.toEqual(identity(q.options.length));

		// What the trainer stores, through JSON and the saved-drill check, restores to the same order.
		const stored = JSON.parse(
			JSON.stringify({ v: 1, savedAt: 5, snapshot: actor.getPersistedSnapshot() })
		);
		const checked = checkSavedQuiz(stored, catalog);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		const restored = createActor(machine, { snapshot: checked.snapshot }).start();
		expect(questionView(catalog, restored.getSnapshot())!.choices).toEqual(order);

		// Another seed shows another order for this question (some seed does: it has ≥ 3 options).
		const other = seeds(50).find(
			(s) => optionOrder(s, q.id, q.options.length).join() !== order.join()
		);
		expect(other).toBeDefined();
		expect(questionView(catalog, asking(q, other!).getSnapshot())!.choices).not.toEqual(order);
	});

	it('number key n picks the option shown n-th, and the answer records that option, not the position', () => {
		for (let pos = 0; pos < order.length; pos++) {
			const actor = asking(q, seed);
			const event = keyToEvent(catalog, actor.getSnapshot(), {
				key: String(pos + 1),
				shift: false,
				nativeTarget: false,
				at: 2
			});
			expect(event).toEqual({ type: 'user.select', index: order[pos] });
			actor.send(event!);
			actor.send({ type: 'user.submit', confidence: 'sure', at: 3 });
			const answer = actor.getSnapshot().context.answers[0]!;
			expect(answer.selection).toEqual([order[pos]]);
			// Graded by the option picked: right exactly when the option shown there is a safe one.
			expect(answer.correct).toBe(q.options[order[pos]!]!.safe);
			expect(grade(q, answer.selection).correct).toBe(answer.correct);
		}
	});

	it('ignores a number key past the last option', () => {
		const actor = asking(q, seed);
		const press = { key: String(order.length + 1), shift: false, nativeTarget: false, at: 2 };
		expect(keyToEvent(catalog, actor.getSnapshot(), press)).toBeNull();
	});

	it('grades the safe option right wherever it is shown', () => {
		const safe = q.options.findIndex((o) => o.safe);
		const positions = new Set<number>();
		for (const s of seeds(60)) {
			const actor = asking(q, s);
			positions.add(questionView(catalog, actor.getSnapshot())!.choices.indexOf(safe));
			actor.send({ type: 'user.select', index: safe });
			actor.send({ type: 'user.submit', confidence: 'sure', at: 3 });
			expect(actor.getSnapshot().context.answers[0]).toMatchObject({
				selection: [safe],
				correct: true
			});
		}
		// The safe option was met in every position across these drills.
		expect(positions.size).toBe(q.options.length);
	});
});
