/**
 * Which focused elements keep a key for themselves (jsdom): the quiz keys leave text fields, and Enter
 * on buttons and links, alone; radios, checkboxes, headings and the page take part in the drill, also
 * inside an element that is not editable at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handlesKeyItself } from './keys';

function make(html: string): HTMLElement {
	document.body.innerHTML = html;
	return document.querySelector('[data-target]') as HTMLElement;
}

afterEach(() => {
	document.body.innerHTML = '';
});

describe('elements that handle a key themselves', () => {
	it('text fields take every key; buttons, links and summaries take Enter only', () => {
		expect(handlesKeyItself(make('<input data-target type="text">'), '1')).toBe(true);
		expect(handlesKeyItself(make('<textarea data-target></textarea>'), 'Enter')).toBe(true);
		expect(handlesKeyItself(make('<select data-target></select>'), '2')).toBe(true);
		expect(handlesKeyItself(make('<button data-target>x</button>'), 'Enter')).toBe(true);
		expect(handlesKeyItself(make('<button data-target>x</button>'), '1')).toBe(false);
		expect(handlesKeyItself(make('<a data-target href="#">x</a>'), 'Enter')).toBe(true);
		expect(
			handlesKeyItself(make('<details><summary data-target>x</summary></details>'), 'Enter')
		).toBe(true);
	});

	it('radios, checkboxes, headings and the page leave keys to the drill', () => {
		expect(handlesKeyItself(make('<input data-target type="radio">'), 'Enter')).toBe(false);
		expect(handlesKeyItself(make('<input data-target type="checkbox">'), '3')).toBe(false);
		expect(handlesKeyItself(make('<h2 data-target tabindex="-1">q</h2>'), 'Enter')).toBe(false);
		expect(handlesKeyItself(document.body, 'Enter')).toBe(false);
		expect(handlesKeyItself(null, 'Enter')).toBe(false);
	});

	it('an element inside contenteditable="false" is not a text field', () => {
		const target = make('<div contenteditable="false"><h2 data-target tabindex="-1">q</h2></div>');
		expect(handlesKeyItself(target, 'Enter')).toBe(false);
	});
});
