/**
 * Quick 10 drawn ahead. The drill page draws a Quick-10 deck (the drill most learners start with) as soon as
 * the bank's index is in, before storage has been read, so that the first question's scenario is fetched
 * while storage opens rather than after the learner's tap. Started with the same seed, the drill is the
 * deck drawn here, and its first question is up without waiting for the network.
 *
 * The draw holds back what a learner with no check taken has held back (every form after the first, see
 * `$lib/checks/hold`). A learner who has taken checks holds back less, may draw another first question
 * from the same seed, and then waits for its scenario as before: the deck is right either way.
 */
import { heldScenarios } from '$lib/checks/hold';
import type { Catalog } from './catalog';
import { buildDeck, type DeckSpec } from './deck';
import { newSeed } from './random';

/** A Quick-10 deck drawn before storage was read. */
export interface QuickAhead {
	/** The seed to start Quick 10 with. */
	seed: number;
	/** The scenario of the deck's first question (null: an empty bank). */
	firstScenario: string | null;
}

/** The deck spec of Quick 10 for a learner with no check taken. */
export function newLearnerQuickSpec(catalog: Catalog): DeckSpec {
	const hold = heldScenarios(catalog.bank.forms ?? [], []);
	return hold.length > 0 ? { kind: 'quick', hold } : { kind: 'quick' };
}

/** Draws Quick 10 ahead with a new seed (or the one given). */
export function drawQuickAhead(catalog: Catalog, seed: number = newSeed()): QuickAhead {
	const first = buildDeck(catalog, newLearnerQuickSpec(catalog), seed)[0];
	const firstScenario = first ? (catalog.index.question.get(first)?.scenarioId ?? null) : null;
	return { seed, firstScenario };
}
