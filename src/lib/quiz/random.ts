/**
 * Seeded randomness. The seed is part of the quiz state, so a resumed quiz keeps its order and the same
 * seed always builds the same deck.
 */

/** mulberry32: a tiny, well-distributed 32-bit PRNG; returns a function giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A shuffled copy (Fisher–Yates) driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}

/** A fresh seed for a new quiz (not cryptographic: it only orders questions). */
export function newSeed(): number {
	return Math.floor(Math.random() * 2 ** 32) >>> 0;
}
