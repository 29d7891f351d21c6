/**
 * Check decks and held scenarios: a check asks one "scam or genuine?" question per scenario of its form,
 * and a drill or review never shows a scenario of a form the learner has not taken yet.
 */
import { describe, expect, it } from 'vitest';
import { heldScenarios } from '$lib/checks/solo';
import { buildDeck, QUICK_SIZE, type DeckSpec } from './deck';
import { DeckSpecSchema } from './deck-schema';
import { shippedCatalog } from './test-catalog';
import * as v from 'valibot';

const catalog = shippedCatalog();
const forms = catalog.bank.forms ?? [];
const [formA, formB] = forms;

describe('check decks', () => {
	it('the shipped bank carries at least two matched forms', () => {
		expect(forms.length).toBeGreaterThanOrEqual(2);
		expect(formA!.scenarios.length).toBe(formB!.scenarios.length);
	});

	it('asks the verdict question of every scenario of the form, once, in an order drawn from the seed', () => {
		const deck = buildDeck(catalog, { kind: 'check', form: formA!.id }, 7);
		expect(deck).toHaveLength(formA!.scenarios.length);
		expect(deck.every((id) => id.endsWith('/verdict'))).toBe(true);
		expect(new Set(deck.map((id) => id.split('/')[0]))).toEqual(new Set(formA!.scenarios));
		expect(buildDeck(catalog, { kind: 'check', form: formA!.id }, 7)).toEqual(deck);
		const orders = new Set(
			[1, 2, 3, 4, 5].map((seed) =>
				buildDeck(catalog, { kind: 'check', form: formA!.id }, seed).join()
			)
		);
		expect(orders.size).toBeGreaterThan(1);
	});

	it('an unknown form gives an empty deck (the machine then refuses to start it)', () => {
		expect(buildDeck(catalog, { kind: 'check', form: 'no-such-form' }, 1)).toEqual([]);
	});

	it('a check spec is checked like any other deck at the storage edge', () => {
		expect(v.is(DeckSpecSchema, { kind: 'check', form: 'b' })).toBe(true);
		expect(v.is(DeckSpecSchema, { kind: 'check', form: 'B!' })).toBe(false);
		expect(v.is(DeckSpecSchema, { kind: 'check', form: 'b', hold: [] })).toBe(false);
	});
});

describe('held scenarios', () => {
	const hold = heldScenarios(forms, []);
	const held = new Set(hold);

	it('holds form B (and every later form) until it is taken, never form A', () => {
		expect(held).toEqual(new Set(forms.slice(1).flatMap((f) => f.scenarios)));
		for (const id of formA!.scenarios) expect(held.has(id)).toBe(false);
		expect(heldScenarios(forms, [formA!.id])).toEqual(hold);
		expect(heldScenarios(forms, [formA!.id, formB!.id])).toEqual(
			forms.slice(2).flatMap((f) => [...f.scenarios])
		);
	});

	const specs: DeckSpec[] = [
		{ kind: 'quick', hold },
		{ kind: 'full', hold },
		...catalog.bank.lures.map((l) => ({ kind: 'lure' as const, lure: l.id, hold })),
		{ kind: 'ids', ids: catalog.questions.map((q) => q.id), label: 'review', hold }
	];

	it('keeps held scenarios out of every drill and review deck, for many seeds', () => {
		for (const spec of specs)
			for (let seed = 1; seed <= 30; seed++)
				for (const id of buildDeck(catalog, spec, seed))
					expect(held.has(catalog.question.get(id)!.scenarioId), `${spec.kind} ${id}`).toBe(false);
	});

	it('a quick drill is still full size with the hold on', () => {
		for (let seed = 1; seed <= 30; seed++)
			expect(buildDeck(catalog, { kind: 'quick', hold }, seed)).toHaveLength(QUICK_SIZE);
	});

	it('the full drill without a hold still holds every scenario (the hold is what removes them)', () => {
		const all = new Set(
			buildDeck(catalog, { kind: 'full' }, 1).map((id) => catalog.question.get(id)!.scenarioId)
		);
		for (const id of hold) expect(all.has(id)).toBe(true);
	});

	it('a check deck of the held form is still given whole: the hold is for drills', () => {
		expect(buildDeck(catalog, { kind: 'check', form: formB!.id }, 3)).toHaveLength(
			formB!.scenarios.length
		);
	});
});
