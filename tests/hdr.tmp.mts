import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const w of [1280, 1024, 800])
for (const locale of ['en-US', 'zh-CN']) {
	const ctx = await browser.newContext({ viewport: { width: w, height: 400 }, locale, serviceWorkers: 'block' });
	const page = await ctx.newPage();
	const out: string[] = [];
	for (const p of ['/', '/train', '/review', '/check', '/host', '/library', '/data']) {
		await page.goto(`http://127.0.0.1:${process.argv[2]}${p}`);
		await page.waitForTimeout(150);
		out.push(`${p}:${await page.evaluate(() => Math.round(document.querySelector('.top')!.getBoundingClientRect().height))}`);
	}
	console.log(w, locale, out.join(' '));
	await ctx.close();
}
await browser.close();
