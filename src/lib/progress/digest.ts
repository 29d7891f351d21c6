/** Digests of attempt ids, to tell cheaply whether a history is the one something was derived from. */

function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** A 32-bit FNV-1a hash of a text, in base 36. */
export function textDigest(text: string): string {
	return `${text.length}.${fnv1a(text).toString(36)}`;
}

/**
 * A digest of a set of attempt ids, whatever their order (so that store keys, read in key order, and a
 * history, read oldest first, give the same): the count, and the sum and the xor of each id's hash.
 */
export function idsDigest(ids: Iterable<string>): string {
	let sum = 0;
	let xor = 0;
	let n = 0;
	for (const id of ids) {
		const h = fnv1a(id);
		sum = (sum + h) >>> 0;
		xor = (xor ^ h) >>> 0;
		n += 1;
	}
	return `${n}.${sum.toString(36)}.${xor.toString(36)}`;
}
