/**
 * The forms set a field's state from its `input` or `change` event and show state through one-way
 * attributes (`value`, `checked`, an option's `selected`) instead of Svelte's two-way bindings, whose
 * runtime every page would otherwise load. A number field is read as `valueAsNumber` (NaN while it is empty
 * or holds no number yet, which every reader takes as no number, as it took the binding's null).
 */

/**
 * The values of a group of checkboxes after one of them changed: those checked, in the order of `all`
 * (the boxes' order in the form, as `bind:group` gave them).
 */
export function groupAfter<T>(
	all: readonly T[],
	chosen: readonly T[],
	box: T,
	checked: boolean
): T[] {
	return all.filter((v) => (v === box ? checked : chosen.includes(v)));
}
