/**
 * A live session with a before- and an after-check, in the browser against the built server: the host sets
 * the checks up, three phones (two English, one Chinese) take form A at their own pace with no feedback
 * while the projector shows only how many have finished, a short training, form B (one phone reloads and
 * resumes where it was), and the report shows the room's before → after: the verdict in words, how many
 * took both, one dot per player, the rates with intervals; in Chinese and English, and in the CSV.
 */
import { readFileSync } from 'node:fs';
import { shippedBank } from './bank';
import { expect, test } from './fixtures';
import { closePhones, fitsWidth, joinRoom, phone, roomCode, type Phone } from './live-room';

const bank = shippedBank();
const verdict = new Map(bank.scenarios.map((s) => [s.id, s.verdict]));
const SHOTS = process.env.FD_SHOTS ?? 'test-results';

test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });

/**
 * Answers every item of the open check on a phone. `answer` says what to call each scenario from what it
 * really is; confidence alternates. `stopAfter` leaves the rest for later (a reload).
 */
async function takeCheck(
	p: Phone,
	stage: 'pre' | 'post',
	answer: (truth: string, item: number) => 'scam' | 'legitimate',
	from = 0,
	stopAfter = 12
): Promise<void> {
	const section = p.page.locator(`section[data-check=${stage}]`);
	for (let i = from; i < stopAfter; i++) {
		await expect(section).toHaveAttribute('data-item', String(i));
		const id = (await section.getAttribute('data-scenario')) ?? '';
		expect(verdict.has(id), id).toBe(true);
		await p.page.locator(`[data-said=${answer(verdict.get(id) ?? '', i)}]`).click();
		await p.page.locator(`[data-confidence=${i % 3 ? 'sure' : 'unsure'}]`).click();
	}
	if (stopAfter >= 12) await expect(p.page.locator('[data-status=check-done]')).toBeVisible();
}

test('a live session with a before- and an after-check shows the room’s change', async ({
	page,
	browser,
	axe
}) => {
	test.setTimeout(240_000);
	await page.goto('/host');
	await page.locator('input[data-checks]').check();
	await page.getByRole('button', { name: 'Create the room' }).click();
	const code = await roomCode(page);

	// The phones act side by side, as in a room (each in its own context).
	const phones = await Promise.all([
		phone(browser, 'Ana'),
		phone(browser, '李雷', { locale: 'zh-CN' }),
		phone(browser, 'Bo')
	]);
	const [p0, p1, p2] = phones as [Phone, Phone, Phone];
	await Promise.all(phones.map((p) => joinRoom(p, code)));

	// The before-check: the projector shows what to do and a count, never a scenario or an answer.
	await page.locator('button.next').click();
	const hostCheck = page.locator('section.check[data-check=pre]');
	await expect(hostCheck).toContainText('Before-check');
	await expect(hostCheck).toContainText('0 of 3 finished');
	await expect(p0.page.locator('section[data-check=pre]')).toContainText('Before-check');
	await expect(p1.page.locator('section[data-check=pre]')).toContainText('训练前测');
	expect(await fitsWidth(p1.page)).toBe(true);
	await p0.page.screenshot({ path: `${SHOTS}/check-phone-360-en.png`, fullPage: true });
	await p1.page.screenshot({ path: `${SHOTS}/check-phone-360-zh.png`, fullPage: true });
	expect(await axeOn(p0)).toEqual([]);

	// Before the training everyone calls everything a scam: suspicious, but no better than chance.
	await Promise.all(phones.map((p) => takeCheck(p, 'pre', () => 'scam')));
	await expect(hostCheck.locator('[data-finished]')).toHaveAttribute('data-finished', '3');
	await expect(hostCheck).toContainText('36 answers so far');
	await expect(page.locator('[data-reveal], [data-verdict-text]')).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/check-host-1280-en.png` });
	expect(await axe()).toEqual([]);
	// Nothing told the phones whether they were right, not even a score beside the check.
	await expect(p0.page.locator('[data-correct], [data-points], [data-score]')).toHaveCount(0);

	// The training, cut short: "end" goes to the after-check, not the report.
	await expect(page.locator('button.next')).toHaveText(/End the check, start the training/);
	await page.locator('button.next').click();
	await expect(page.locator('section.question')).toBeVisible();
	// The training scores as usual; the check added nothing to it.
	await expect(p0.page.locator('[data-score]')).toHaveAttribute('data-score', '0');
	await page.getByRole('button', { name: 'End the training, go to the after-check' }).click();
	const hostPost = page.locator('section.check[data-check=post]');
	await expect(hostPost).toContainText('After-check');

	// After: everyone tells them apart (Bo misses one scam); Ana's phone reloads half-way.
	const right = (truth: string) => (truth === 'scam' ? 'scam' : 'legitimate');
	let missed = false;
	await Promise.all([
		(async () => {
			await takeCheck(p0, 'post', right, 0, 5);
			await p0.page.reload();
			await expect(p0.page.locator('section[data-check=post]')).toHaveAttribute('data-item', '5');
			await takeCheck(p0, 'post', right, 5);
		})(),
		takeCheck(p1, 'post', right),
		takeCheck(p2, 'post', (truth) => {
			if (truth === 'scam' && !missed) {
				missed = true;
				return 'legitimate';
			}
			return right(truth);
		})
	]);
	await expect(hostPost.locator('[data-finished]')).toHaveAttribute('data-finished', '3');

	// The projector in Chinese, then the report.
	await page.getByRole('button', { name: '中文' }).click();
	await expect(hostPost).toContainText('训练后测');
	await page.screenshot({ path: `${SHOTS}/check-host-1280-zh.png` });
	await page.locator('button.next').click();
	const checks = page.locator('[data-checks]');
	await expect(checks).toHaveAttribute('data-verdict', 'sharper');
	await expect(checks).toContainText('整体来看，大家分辨骗局和正规消息的能力提高了。');
	await expect(checks.locator('[data-both]')).toHaveAttribute('data-both', '3');
	await expect(checks.locator('svg[data-dots]')).toHaveAttribute('data-dots', '3');
	await expect(checks.locator('svg circle')).toHaveCount(3);
	await checks.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/check-report-1280-zh.png`, fullPage: true });
	expect(await axe()).toEqual([]);

	// In English, with the rates and their intervals, and the check columns in the CSV.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(checks).toContainText('The room got better at telling scams from legitimate');
	await expect(checks).toContainText('3 took both checks; 3 answered enough of both to compare.');
	// Before: 18 scams, all called scams; after: 17 of 18.
	await expect(checks.locator('table').first()).toContainText('100% of 18');
	await expect(checks.locator('table').first()).toContainText('94% of 18');
	await page.screenshot({ path: `${SHOTS}/check-report-1280-en.png`, fullPage: true });
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: /CSV/ }).click()
	]);
	const csv = readFileSync((await download.path()) ?? '', 'utf8');
	expect(csv).toContain('scams called scams %');
	expect(csv).toMatch(/"Before",3,36,100,/);
	expect(csv).toMatch(/"After",3,36,94,/);
	expect(csv).toContain('change in d′ (one row per player)');

	// The phones end on their final screen, never a check result.
	await expect(p1.page.locator('[data-status=final]')).toBeVisible();
	await closePhones(phones);
});

/** axe-core on a phone's page. */
async function axeOn(p: Phone): Promise<string[]> {
	const { axeViolations } = await import('./fixtures');
	return axeViolations(p.page);
}
