/**
 * Quick 10 drawn ahead, before storage is read: for a new learner it is the very deck the drill then starts
 * with the same seed, so the scenario fetched ahead is the one the first question needs; for a learner who
 * has taken a check the drill still draws its own deck.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { writeCheckLog } from '$lib/progress/checks';
import { buildDeck } from './deck';
import { drawQuickAhead, newLearnerQuickSpec } from './quick-ahead';
import { shippedCatalog } from './test-catalog';
import { Trainer } from './trainer.svelte';

const catalog = shippedCatalog();

describe('Quick 10 drawn ahead', () => {
	it("is the deck a new learner's drill starts with the same seed", async () => {
		const trainer = new Trainer(catalog);
		await trainer.open();
		const spec = trainer.specFor({ kind: 'quick' });
		expect(spec).toEqual(newLearnerQuickSpec(catalog));
		// The shipped bank has a second check form, held back from a new learner's drills.
		expect('hold' in spec ? (spec.hold?.length ?? 0) : 0).toBeGreaterThan(0);
		for (let seed = 1; seed <= 30; seed++) {
			const first = buildDeck(catalog, spec, seed)[0]!;
			expect(drawQuickAhead(catalog, seed)).toEqual({
				seed,
				firstScenario: catalog.index.question.get(first)!.scenarioId
			});
		}
		trainer.stop();
	});

	it('a learner who has taken the checks holds back less: the drill builds its own deck', async () => {
		await writeCheckLog({ a: 1, b: 2 });
		const trainer = new Trainer(catalog);
		await trainer.open();
		expect(trainer.specFor({ kind: 'quick' })).toEqual({ kind: 'quick' });
		expect(newLearnerQuickSpec(catalog)).not.toEqual({ kind: 'quick' });
		trainer.stop();
	});

	it('draws a new seed each time unless given one', () => {
		const seeds = new Set(Array.from({ length: 20 }, () => drawQuickAhead(catalog).seed));
		expect(seeds.size).toBeGreaterThan(1);
	});
});
