import { describe, expect, it } from 'vitest';
import { sourceHref } from './library';

describe('source links in the library', () => {
	it('links only https URLs', () => {
		expect(sourceHref('https://www.mps.gov.cn/a?b=1')).toBe('https://www.mps.gov.cn/a?b=1');
		expect(sourceHref('javascript:alert(1)')).toBeNull();
		expect(sourceHref(' JAVASCRIPT:alert(1)')).toBeNull();
		expect(sourceHref('http://www.mps.gov.cn/')).toBeNull();
		expect(sourceHref('data:text/html,<script>alert(1)</script>')).toBeNull();
		expect(sourceHref('not a url')).toBeNull();
	});
});
