/**
 * "Check yourself" in the built app, keyboard only: a learner takes form A before any drill (resuming it
 * after a reload), drills (form B's scenarios never appear), and after three drills and a day takes form B
 * and reads the before → after in words and as a chart. In English and in Chinese, axe-clean, at 1280 and
 * 360 px. Days and drills are faked cleanly: Playwright's clock and drill records planted in IndexedDB.
 */
import type { Page } from '@playwright/test';
import type { Question } from '../../src/lib/scenarios/generate';
import { shippedBank } from './bank';
import { answerByKeyboard, currentQuestion, putRecord, saved, verdictAttempt } from './drill';
import { expect, test } from './fixtures';

const bank = shippedBank();
const [formA, formB] = bank.forms!;
const SIZE = formA!.scenarios.length;
const DAY = 24 * 3600_000;
const SHOTS = process.env.FD_SHOTS ?? 'test-results';

/** What the learner says for one check question, and how sure. */
type Say = (q: Question) => { scam: boolean; unsure?: boolean };

/** Answers check questions by keyboard (1 scam, 2 genuine; Enter sure, Shift+Enter not sure). */
async function answerCheck(page: Page, count: number, say: Say): Promise<string[]> {
	const seen: string[] = [];
	for (let i = 0; i < count; i++) {
		while ((await page.locator('[data-screen]').getAttribute('data-screen')) === 'presenting')
			await page.keyboard.press('Enter');
		await page.locator('[data-screen=asking]').waitFor();
		// The progress bar counts the check's questions and shows no score: a score would be feedback.
		const bar = page.locator('.bar [role=progressbar]');
		await expect(bar).toHaveAttribute('aria-valuemax', String(SIZE));
		const position = Number(await bar.getAttribute('aria-valuenow'));
		const q = await currentQuestion(page);
		expect(q.kind).toBe('verdict');
		seen.push(q.scenarioId);
		const { scam, unsure } = say(q);
		await page.keyboard.press(scam ? '1' : '2');
		await page.keyboard.press(unsure ? 'Shift+Enter' : 'Enter');
		// No feedback: straight on to the next question, or to the end of the check.
		await expect(async () => {
			if ((await page.locator('#done-title').count()) > 0) return;
			const progress = page.locator('.bar [role=progressbar]');
			expect(Number(await progress.getAttribute('aria-valuenow', { timeout: 500 }))).toBe(
				position + 1
			);
		}).toPass();
		await expect(page.locator('[data-screen=feedback]')).toHaveCount(0);
	}
	return seen;
}

/** A plan by position among the check's scams and genuine items: the n-th of each kind said as scam? */
function byCount(scamsCaught: number, alarms: number, unsure = false): Say {
	let scams = 0;
	let genuine = 0;
	return (q) => {
		if (q.kind !== 'verdict') throw new Error('a check asks verdicts only');
		if (q.answer === 'scam') return { scam: scams++ < scamsCaught, unsure };
		return { scam: genuine++ < alarms, unsure };
	};
}

/** Plants a finished drill of `n` answers (a quick drill of form A's scenarios) in the history. */
async function plantDrill(page: Page, runId: string, at: number, n = 6): Promise<void> {
	for (let i = 0; i < n; i++) {
		const s = bank.scenarios.find((x) => x.id === formA!.scenarios[i])!;
		const id = `${runId}:${i}`;
		await putRecord(
			page,
			'attempts',
			id,
			verdictAttempt({ id, runId, scenario: s, said: 0, at: at + i * 1000 })
		);
	}
}

/** Presses Enter on a control, as a keyboard user does after tabbing to it. */
async function press(page: Page, selector: string): Promise<void> {
	await page.locator(selector).focus();
	await page.keyboard.press('Enter');
}

/** Whole scripts at once, so the check goes straight to each question (kept with the settings). */
async function wholeScripts(page: Page): Promise<void> {
	await page.goto('/train');
	await page.locator('.train[data-ready=true]').waitFor();
	await page.locator('input[name=pace][value=whole]').check();
}

async function noSidewaysScroll(page: Page): Promise<void> {
	const wide = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(wide).toBeLessThanOrEqual(0);
}

async function shoot(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.screenshot({ path: `${SHOTS}/check-${name}-1280.png`, fullPage: true });
	await page.setViewportSize({ width: 360, height: 740 });
	await noSidewaysScroll(page);
	await page.screenshot({ path: `${SHOTS}/check-${name}-360.png`, fullPage: true });
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('form A before the first drill, drills without form B, form B after: sharper, in English', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	const start = new Date('2026-03-02T09:00:00').getTime();
	await page.clock.install({ time: start });
	await wholeScripts(page);

	// A learner with no history is offered the check before the first drill.
	await expect(page.locator('[data-offer=before]')).toContainText('Before your first drill');
	await press(page, '[data-offer=before] a');
	await page.locator('.check[data-ready=true]').waitFor();
	const next = page.locator('[data-next-form]');
	await expect(next).toHaveAttribute('data-next-form', formA!.id);
	await expect(next).toHaveAttribute('data-role', 'before');
	await expect(next).toHaveAttribute('data-due', 'true');
	expect(await axe()).toEqual([]);

	// Form A, by keyboard: one scam caught of six, five genuine ones called scams. Stopped half-way by a
	// reload, and resumed at the same question.
	await press(page, '[data-action=start-check]');
	await expect(page.locator('[data-notice=check]')).toContainText('answers are shown at the end');
	await expect(page.locator('.bar')).not.toContainText('right');
	const say = byCount(1, 5);
	const firstHalf = await answerCheck(page, 5, say);
	expect(await axe()).toEqual([]);
	await page.locator('.check[data-storage=saved]').waitFor();
	const at = await page.locator('[data-question]').getAttribute('data-question');
	await page.reload();
	await expect(page.locator('[data-notice=resume]')).toContainText(`Question 6 of ${SIZE}.`);
	await press(page, '[data-notice=resume] button.button:not(.secondary)');
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', at ?? '');
	// Esc pauses and Enter resumes, as in a drill.
	await page.keyboard.press('Escape');
	await expect(page.getByRole('heading', { name: 'Paused' })).toBeVisible();
	await page.keyboard.press('Enter');
	const rest = await answerCheck(page, SIZE - 5, say);
	expect(new Set([...firstHalf, ...rest])).toEqual(new Set(formA!.scenarios));

	await expect(page.locator('#done-title')).toBeFocused();
	await expect(page.locator('#done-title')).toHaveText('Check done');
	await expect(page.locator('.history li')).toHaveCount(1);
	await expect(page.locator('.history li')).toContainText(`form A, 2 of ${SIZE} right`);
	await expect(page.locator('[data-scores]')).toContainText('Scams you caught: 1 of 6 (likely');
	// Form B next, not yet: three drills and a day to go.
	await expect(next).toHaveAttribute('data-next-form', formB!.id);
	await expect(next).toHaveAttribute('data-due', 'false');
	await expect(next).toContainText('Best taken after 3 more drills, from');
	await page.getByRole('button', { name: 'Done', exact: true }).click();

	// A real drill: none of form B's scenarios appear, so the after-check meets them unseen.
	await page.goto('/train');
	await page.locator('.train[data-ready=true]').waitFor();
	await expect(page.locator('[data-offer]')).toHaveCount(0);
	await page.locator('[data-deck=quick]').click();
	const drilled: string[] = [];
	for (let i = 0; i < 10; i++) {
		drilled.push((await answerByKeyboard(page, true)).scenarioId);
		await page.keyboard.press('Enter');
	}
	await saved(page);
	for (const id of drilled) expect(formB!.scenarios).not.toContain(id);
	await page.getByRole('button', { name: 'Choose another drill' }).click();
	// Two more drills, planted; then two days pass.
	await plantDrill(page, 'planted-1', start + 3600_000);
	await plantDrill(page, 'planted-2', start + 2 * 3600_000);
	await page.clock.setSystemTime(start + 2 * DAY);

	await page.goto('/train');
	await expect(page.locator('[data-offer=due]')).toContainText('Time for your check');
	await press(page, '[data-offer=due] a');
	await page.locator('.check[data-ready=true]').waitFor();
	await expect(next).toHaveAttribute('data-next-form', formB!.id);
	await expect(next).toHaveAttribute('data-role', 'after');
	await expect(next).toHaveAttribute('data-due', 'true');
	await press(page, '[data-action=start-check]');
	const seenB = await answerCheck(page, SIZE, byCount(6, 0));
	expect(new Set(seenB)).toEqual(new Set(formB!.scenarios));

	const change = page.locator('[data-change]');
	await expect(change).toHaveAttribute('data-change', 'sharper');
	await expect(change).toContainText(
		'You now catch more scams without calling genuine services scams'
	);
	await expect(page.locator('.history li')).toHaveCount(2);
	await expect(page.locator('.history li').nth(1)).toContainText(
		`form B, ${SIZE} of ${SIZE} right`
	);
	const chart = page.locator('figure.check-chart');
	await expect(chart.locator('[data-metric=caught] [data-who=before] .value')).toHaveText(
		/^1 of 6 \(likely \d+–\d+%\)$/
	);
	await expect(chart.locator('[data-metric=caught] [data-who=after] .value')).toHaveText(
		/^6 of 6 \(likely \d+–100%\)$/
	);
	await expect(chart.locator('[data-metric=alarms] [data-who=after] .value')).toHaveText(
		/^0 of 6 \(likely 0–\d+%\)$/
	);
	// The figures behind the words, with their intervals, open from the keyboard.
	await press(page, '[data-change] summary');
	await expect(page.locator('[data-change] table')).toContainText('Telling apart (d′)');
	await expect(page.locator('[data-change] table')).toContainText('likely');
	expect(await axe()).toEqual([]);
	await shoot(page, 'after-en');
});

test.describe('in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('form A planted, form B answered "scam" throughout: more suspicious, not sharper', async ({
		page,
		axe
	}) => {
		test.setTimeout(90_000);
		const start = new Date('2026-05-04T20:00:00').getTime();
		await page.clock.install({ time: start });
		await wholeScripts(page);
		await page.goto('/check');
		await page.locator('.check[data-ready=true]').waitFor();
		await expect(page.locator('h1')).toHaveText('自测');
		await expect(page.locator('[data-next-form]')).toHaveAttribute('data-role', 'before');
		await shoot(page, 'before-zh');

		// Form A as the learner took it a week ago: two scams of six called scams, one genuine of six.
		const say = byCount(2, 1);
		const bankQ = (id: string): Question => ({
			id: `${id}/verdict`,
			kind: 'verdict',
			scenarioId: id,
			visibleSteps: 1,
			answer: bank.scenarios.find((s) => s.id === id)!.verdict
		});
		for (const [i, id] of formA!.scenarios.entries()) {
			const s = bank.scenarios.find((x) => x.id === id)!;
			const scam = say(bankQ(id)).scam;
			const planted = `planted-a:${i}`;
			await putRecord(
				page,
				'attempts',
				planted,
				verdictAttempt({
					id: planted,
					runId: 'planted-a',
					scenario: s,
					said: scam ? 0 : 1,
					at: start - 7 * DAY + i * 1000,
					mode: 'check',
					form: formA!.id,
					elapsedMs: 5000
				})
			);
		}
		for (const d of [1, 2, 3]) await plantDrill(page, `planted-d${d}`, start - (7 - d) * DAY);
		await page.reload();
		await page.locator('.check[data-ready=true]').waitFor();
		const next = page.locator('[data-next-form]');
		await expect(next).toHaveAttribute('data-next-form', formB!.id);
		await expect(next).toHaveAttribute('data-role', 'after');
		await expect(next).toHaveAttribute('data-due', 'true');
		await expect(page.locator('.history li')).toContainText('A 卷');
		await expect(page.locator('[data-scores]')).toContainText('识破的骗局：6 个中 2 个');
		expect(await axe()).toEqual([]);

		await press(page, '[data-action=start-check]');
		await expect(page.locator('[data-notice=check]')).toContainText('全部答完才显示结果');
		let n = 0;
		await answerCheck(page, SIZE, () => ({ scam: true, unsure: n++ % 3 === 0 }));
		expect(await axe()).toEqual([]);

		const change = page.locator('[data-change]');
		await expect(change).toHaveAttribute('data-change', 'more-suspicious');
		await expect(change).toContainText('你现在对什么都更怀疑了');
		await expect(page.locator('.history li').nth(1)).toContainText(`B 卷，答对 6/${SIZE}`);
		await press(page, '[data-change] summary');
		await expect(page.locator('[data-change] table')).toContainText('倾向（c）');
		expect(await axe()).toEqual([]);
		await shoot(page, 'after-zh');
	});
});
