/**
 * The order a question's choices are shown in. Authored option order gives the answer away (writers tend to
 * put the safe answer first), so a decide question's options are shown in an order drawn from the drill's
 * seed and the question's id. It is a pure function of the two: nothing more needs saving, a resumed drill
 * (or a replayed live room) shows the same order, and another drill shows another.
 *
 * Choices are always identified by their authored index (an option, a verdict, a script step); the shown
 * position only decides where a choice is drawn and which number key picks it.
 */
import type { Question } from '$lib/scenarios/generate';
import { seededRandom, shuffled } from './random';
import { VERDICT_CHOICES } from './grade';

/** FNV-1a: a 32-bit hash of a string, to turn an id (or a room code) into seed material. */
export function hashText(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/**
 * A permutation of `0 … count − 1`: the authored indices in the order they are shown, for one question in
 * one drill. Same seed and id: same order.
 */
export function optionOrder(seed: number, questionId: string, count: number): number[] {
	const indices = Array.from({ length: Math.max(0, count) }, (_, i) => i);
	// The id is hashed together with the seed, so two questions of one drill are ordered independently.
	return shuffled(indices, seededRandom(hashText(`${seed >>> 0}/${questionId}`)));
}

/**
 * A question's choices in the order they are shown: a decide question's options shuffled by the seed; the
 * two verdicts in their fixed order (a two-way choice with fixed labels); script steps in script order
 * (that is the script, not a list of options).
 */
export function shownChoices(q: Question, seed: number): number[] {
	switch (q.kind) {
		case 'decide':
			return optionOrder(seed, q.id, q.options.length);
		case 'verdict':
			return VERDICT_CHOICES.map((_, i) => i);
		case 'flags':
		case 'stop':
			return [...q.choices];
	}
}
