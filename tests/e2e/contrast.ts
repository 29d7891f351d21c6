/** One text element whose contrast against its real background is below the WCAG AA minimum. */
export interface LowContrast {
	step: string | null;
	text: string;
	ratio: number;
	color: string;
	background: string;
}

/**
 * Script lines (message bubbles and speaker names) whose text is below `min` WCAG contrast against the
 * background actually painted behind it, found by walking up to the first opaque ancestor. axe reports such
 * pairs only as "incomplete" when backgrounds are layered, so this measures them itself. It runs inside the
 * page and is self-contained (sent there as its source), so a caller can run it within a larger look at the
 * page, in the same round trip.
 */
export function lowContrastInPage(min: number): LowContrast[] {
	type Rgba = [number, number, number, number];
	const parse = (css: string): Rgba => {
		const [r = 0, g = 0, b = 0, a = 1] = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
		return [r, g, b, a];
	};
	const over = (top: Rgba, under: Rgba): Rgba => {
		const a = top[3];
		const mix = (t: number, u: number) => t * a + u * (1 - a);
		return [mix(top[0], under[0]), mix(top[1], under[1]), mix(top[2], under[2]), 1];
	};
	const background = (el: Element): Rgba => {
		const layers: Rgba[] = [];
		for (let node: Element | null = el; node; node = node.parentElement) {
			const bg = parse(getComputedStyle(node).backgroundColor);
			if (bg[3] > 0) layers.push(bg);
			if (bg[3] >= 1) break;
		}
		return layers.reduceRight<Rgba>((under, top) => over(top, under), [255, 255, 255, 1]);
	};
	const luminance = ([r, g, b]: Rgba) => {
		const lin = (c: number) => {
			const s = c / 255;
			return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
		};
		return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
	};
	const out: LowContrast[] = [];
	for (const el of document.querySelectorAll('[data-step] .bubble, [data-step] .who')) {
		if (!(el as HTMLElement).innerText.trim()) continue;
		const bg = background(el);
		const fg = over(parse(getComputedStyle(el).color), bg);
		const [l1, l2] = [luminance(fg), luminance(bg)];
		const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		if (ratio < min)
			out.push({
				step: el.closest('[data-step]')?.getAttribute('data-step') ?? null,
				text: (el as HTMLElement).innerText.slice(0, 60),
				ratio: Math.round(ratio * 100) / 100,
				color: getComputedStyle(el).color,
				background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`
			});
	}
	return out;
}
