import { describe, expect, it } from 'vitest';
import { groupAfter } from './form-fields';

describe('groupAfter', () => {
	const all = ['a', 'b', 'c', 'd'];

	it('adds a checked box in the order of the form, not of the clicks', () => {
		expect(groupAfter(all, ['c'], 'a', true)).toEqual(['a', 'c']);
		expect(groupAfter(all, ['d', 'a'], 'b', true)).toEqual(['a', 'b', 'd']);
	});

	it('takes an unchecked box out, and keeps the others', () => {
		expect(groupAfter(all, ['a', 'b', 'c'], 'b', false)).toEqual(['a', 'c']);
		expect(groupAfter(all, [], 'b', false)).toEqual([]);
	});
});
