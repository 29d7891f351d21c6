import { describe, expect, it } from 'vitest';
import { preloadLinks, withPreloads } from './page-preloads';

describe('page preloads', () => {
	it('preloads the bank index for the drill page only', () => {
		expect(preloadLinks('/train')).toBe(
			'<link rel="preload" href="/bank-index.json" as="fetch" crossorigin="anonymous">'
		);
		expect(preloadLinks('/')).toBe('');
		expect(preloadLinks('/train/')).toBe('');
		expect(preloadLinks('/review')).toBe('');
	});

	it('puts the links first in the head and leaves other pages as they are', () => {
		const html =
			'<!doctype html><html lang="en"><head><meta charset="utf-8" /></head><body></body></html>';
		expect(withPreloads(html, '/train')).toBe(
			'<!doctype html><html lang="en"><head><link rel="preload" href="/bank-index.json" as="fetch" crossorigin="anonymous"><meta charset="utf-8" /></head><body></body></html>'
		);
		expect(withPreloads(html, '/library')).toBe(html);
	});
});
