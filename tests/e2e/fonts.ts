/**
 * The fonts of a page's text against the ones the loading shell warms (`.fd-warm` in src/app.html).
 *
 * The first time a page lays out text in a system font at a new size or weight, the browser looks the font
 * up (on Linux through fontconfig in another process, for each family along the stack until one has the
 * glyphs), which at 4x CPU cost the first question's layout 40-100 ms. The shell lays out a little text in
 * each family, size and weight of the drill page's first screens, in both languages' stacks, unseen, while
 * the app's script is still on its way; the first question then finds every look-up done.
 */
import type { Page } from '@playwright/test';

/**
 * The font descriptions (family, size, weight, style) of the text shown on the page that the shell's
 * warm-up text does not have; an empty list when it has them all.
 */
export async function fontsNotWarmed(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const describe = (el: Element) => {
			const s = getComputedStyle(el);
			return `${s.fontFamily} | ${s.fontSize} | ${s.fontWeight} | ${s.fontStyle}`;
		};
		const warm = new Set([...document.querySelectorAll('.fd-warm, .fd-warm *')].map(describe));
		const missing = new Set<string>();
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!n.textContent?.trim() || !el || el.closest('[data-shell]')) continue;
			// Only text on screen: a hidden element's fonts are not looked up.
			if (el.getClientRects().length === 0) continue;
			const key = describe(el);
			if (!warm.has(key)) missing.add(`${key} (${n.textContent.trim().slice(0, 20)})`);
		}
		return [...missing];
	});
}
