/**
 * Quick 10 drawn ahead, before storage is read: for a new learner it is the very deck the drill then starts
 * with the same seed, so the scenario fetched ahead is the one the first question needs; for a learner who
 * has taken a check the drill still draws its own deck.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { writeCheckLog } from '$lib/progress/checks';
import { heldScenarios } from '$lib/checks/hold';
import { bankIndex } from './catalog';
import { buildDeck, QUICK_SIZE } from './deck';
import { drawQuickAhead, firstPools, newLearnerQuickSpec, pickFirstScenario } from './quick-ahead';
import { seededRandom } from './random';
import { shippedBank, shippedCatalog } from './test-catalog';
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

describe("the first scenario drawn by the drill page's HTML", () => {
	const index = bankIndex(shippedBank());
	const firstOf = (seed: number) => {
		const q = buildDeck(catalog, newLearnerQuickSpec(catalog), seed)[0]!;
		return catalog.index.question.get(q)!.scenarioId;
	};
	/** How often each scenario comes first in `n` draws. */
	function odds(n: number, draw: (i: number) => string | null): Map<string | null, number> {
		const counts = new Map<string | null, number>();
		for (let i = 0; i < n; i++) {
			const id = draw(i);
			counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		return new Map([...counts].map(([id, c]) => [id, c / n]));
	}

	it("has the odds of the deck's own first question", () => {
		const n = 20_000;
		const random = seededRandom(7);
		const pools = firstPools(index);
		const picked = odds(n, () => pickFirstScenario(pools, QUICK_SIZE, random));
		const drawn = odds(n, (i) => firstOf(i * 7919 + 1));
		// The same scenarios can begin a deck (none held back from a new learner), each about as often: about
		// 2% each, and 20,000 draws put the two within a few tenths of a percent of it.
		expect([...picked.keys()].sort()).toEqual([...drawn.keys()].sort());
		const held = new Set(heldScenarios(index.forms ?? [], []));
		expect(held.size).toBeGreaterThan(0);
		for (const id of picked.keys()) expect(held.has(id!)).toBe(false);
		for (const [id, p] of picked)
			expect(Math.abs(p - drawn.get(id)!), String(id)).toBeLessThan(0.006);
	});

	it('draws from the pools the build writes into the page: by verdict, held back and question-less left out', () => {
		const pools = firstPools({
			scenarios: [
				{ id: 'scam-1', verdict: 'scam', questions: ['verdict'] },
				{ id: 'legit-1', verdict: 'legitimate', questions: ['verdict'] },
				{ id: 'scam-held', verdict: 'scam', questions: ['verdict'] },
				{ id: 'scam-empty', verdict: 'scam', questions: [] }
			],
			forms: [
				{ id: 'a', scenarios: ['scam-1'] },
				{ id: 'b', scenarios: ['scam-held'] }
			]
		});
		expect(pools).toEqual({ legit: ['legit-1'], scams: ['scam-1'] });
		const random = seededRandom(3);
		const firsts = Array.from({ length: 3000 }, () => pickFirstScenario(pools, QUICK_SIZE, random));
		expect(new Set(firsts)).toEqual(new Set(['legit-1', 'scam-1']));
		const legitShare = firsts.filter((id) => id === 'legit-1').length / firsts.length;
		expect(legitShare).toBeGreaterThan(0.4);
		// With one scam and one legitimate scenario, the deck is one of each: even odds.
		expect(legitShare).toBeLessThan(0.6);
		expect(pickFirstScenario({ legit: [], scams: [] }, QUICK_SIZE, random)).toBeNull();
	});

	it('begins the deck drawn ahead, whichever scenario it is', () => {
		const firsts = new Set(Array.from({ length: 2000 }, (_, i) => firstOf(i + 1)));
		for (const first of firsts) {
			const ahead = drawQuickAhead(catalog, undefined, first);
			expect(ahead.firstScenario).toBe(first);
			// The seed is the drill's: started with it, the drill's first question is from that scenario.
			expect(firstOf(ahead.seed)).toBe(first);
		}
	});

	it('leaves the draw as it was for a scenario that cannot begin a deck', () => {
		const ahead = drawQuickAhead(catalog, undefined, 'no-such-scenario');
		expect(ahead.firstScenario).toBe(firstOf(ahead.seed));
		// A seed given is the deck asked for, whatever was drawn early.
		expect(drawQuickAhead(catalog, 5, 'no-such-scenario')).toEqual(drawQuickAhead(catalog, 5));
	});
});
