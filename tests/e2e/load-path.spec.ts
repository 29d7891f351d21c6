/**
 * The drill's load path: the first question of a quick drill needs the bank index and one scenario file,
 * never the whole bank; the deck's other scenarios follow while the learner reads; a scenario that cannot
 * be fetched is a notice with a retry, and the drill goes on from where it was; a reloaded drill resumes
 * with its scenarios fetched again.
 */
import type { Page, Route } from '@playwright/test';
import { answerByKeyboard, goOn, screen } from './drill';
import { expect, test } from './fixtures';

// A first visit, as a phone without the service worker sees it: every file comes from the network.
test.use({ serviceWorkers: 'block' });

/** Paths the page asked the server for, in order. */
function recordRequests(page: Page): string[] {
	const paths: string[] = [];
	page.on('request', (r) => paths.push(new URL(r.url()).pathname));
	return paths;
}

/**
 * Marks when the first question comes on screen, in the page's own time (see `startsBeforeQuestion`): code
 * fetched once the question is painted and the browser is idle can be asked for before a check made from
 * here sees the question.
 */
async function markQuestionShown(page: Page): Promise<void> {
	await page.addInitScript(() => {
		new MutationObserver((_, observer) => {
			if (!document.querySelector('[data-question]')) return;
			(window as unknown as { questionAt: number }).questionAt = performance.now();
			observer.disconnect();
		}).observe(document, { subtree: true, childList: true });
	});
}

/**
 * For each file, whether the page asked for it before its first question came on screen (see
 * `markQuestionShown`), once every one of them has come in (a file's timing is recorded when it has).
 */
async function askedBeforeQuestion(page: Page, files: readonly string[]): Promise<boolean[]> {
	const timing = () =>
		page.evaluate(
			(files) => ({
				questionAt: (window as unknown as { questionAt?: number }).questionAt ?? -1,
				starts: files.map(
					(file) =>
						performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === file)
							?.startTime ?? -1
				)
			}),
			files
		);
	await expect
		.poll(async () => {
			const { questionAt, starts } = await timing();
			return questionAt > 0 && !starts.includes(-1);
		})
		.toBe(true);
	const { questionAt, starts } = await timing();
	return starts.map((start) => start < questionAt);
}

/** The console errors of requests a test made fail on purpose, taken out of the fixture's list. */
function dropFailedLoads(consoleErrors: string[]): number {
	const failed = consoleErrors.filter((e) => e.startsWith('Failed to load resource'));
	consoleErrors.splice(
		0,
		consoleErrors.length,
		...consoleErrors.filter((e) => !failed.includes(e))
	);
	return failed.length;
}

async function startQuick(page: Page) {
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	await page.locator('[data-deck=quick]').click();
}

test('the first question needs the index and one scenario; the rest follow while it is read', async ({
	page
}) => {
	const paths = recordRequests(page);
	// Every scenario file after the first is held back until the first question is on screen.
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	let served = 0;
	await page.route('**/scenarios/*.json', async (route) => {
		if (served++ > 0) await released;
		await route.continue();
	});
	await startQuick(page);
	await page.locator('[data-question]').waitFor();
	expect(paths).not.toContain('/bank.json');
	expect(paths.filter((p) => p === '/bank-index.en.json')).toHaveLength(1);
	release();
	// Once a question is answerable, the other nine scenarios of the quick drill are fetched.
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	await expect.poll(() => new Set(paths.filter((p) => p.startsWith('/scenarios/'))).size).toBe(10);
	expect(paths).not.toContain('/bank.json');
});

test('a scenario that cannot be fetched is a notice with a retry; the drill goes on where it was', async ({
	page,
	consoleErrors
}) => {
	// Only the first scenario file gets through: the rest fail as with no connection.
	let allowed = 1;
	await page.route('**/scenarios/*.json', (route) =>
		allowed-- > 0 ? route.continue() : route.abort('internetdisconnected')
	);
	await startQuick(page);
	const first = await answerByKeyboard(page, true);
	await page.keyboard.press('Enter');
	const notice = page.locator('[data-notice=scenario-load]');
	await expect(notice).toContainText('could not be loaded');
	// The feedback of the answered question stays on screen; nothing was lost.
	await expect(page.locator('[data-screen=feedback]')).toBeVisible();
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', first.id);

	await page.unroute('**/scenarios/*.json');
	await notice.getByRole('button', { name: 'Try again' }).click();
	await expect(notice).toHaveCount(0);
	await expect(page.locator('[data-question]')).not.toHaveAttribute('data-question', first.id);
	expect(dropFailedLoads(consoleErrors)).toBeGreaterThan(0);
});

test('a reloaded drill resumes at its question, its scenarios fetched again, nothing set aside', async ({
	page
}) => {
	await startQuick(page);
	await answerByKeyboard(page, true);
	await goOn(page);
	const at = await page.locator('[data-question]').getAttribute('data-question');
	await page.locator('[data-storage=saved]').waitFor();

	const paths = recordRequests(page);
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.locator('[data-notice=set-aside]')).toHaveCount(0);
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await expect(page.locator('[data-question]')).toHaveAttribute('data-question', at ?? '');
	expect(paths).not.toContain('/bank.json');
	expect(paths.filter((p) => p.startsWith('/scenarios/')).length).toBeGreaterThanOrEqual(2);
});

// What the drill page's HTML names and what a new learner's first visit then asks for, in one test (one
// browser context, a second of CPU per test): the HTML's preloads, the requests up to the tap and up to the
// first question.
test("the drill page's HTML starts the bank index and the first question's few scripts, which begin with V8's compile hint; a new learner's Quick 10 is drawn while storage is read, and storage's library follows the first question", async ({
	page,
	request
}) => {
	const html = await (await request.get('/train')).text();
	// The page is one shell for both languages: its early script, not a link, fetches the index, in the
	// visitor's language.
	expect(html).not.toContain('rel="preload"');
	const early =
		/<script>(\(function[\s\S]*?__fdEarlyStart[\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
	expect(early).toContain('`/bank-index.${');
	// Minified: no line breaks, no indentation.
	expect(early).not.toContain('\n');
	// The page's early markup goes after its encoding, which stays within the first 1024 bytes.
	expect(Buffer.byteLength(html.slice(0, html.indexOf('<meta charset="utf-8"')))).toBeLessThan(
		1000
	);
	// It is sent without its template's comments and indentation, and with its shell.
	expect(html).not.toContain('<!--');
	expect(html).not.toMatch(/\n[\t ]+<(link|meta|div|p|span)\b/);
	expect(html).toContain('data-shell');
	const preloaded = [...html.matchAll(/<link[^>]*>/g)]
		.filter(([link]) => link.includes('rel="modulepreload"'))
		.map(([link]) => new URL(/href="([^"]+)"/.exec(link)?.[1] ?? '', 'http://x/').pathname);
	expect(preloaded.length).toBeGreaterThan(0);
	const isStorageLibrary = async (path: string) =>
		(await (await request.get(path)).text()).includes('localforage');
	// Storage's library is not among them: a page reads its stores straight from IndexedDB, and a first
	// visit, which finds none, fetches it only once its first question is painted, ahead of the first save.
	expect(await Promise.all(preloaded.map(isStorageLibrary))).not.toContain(true);
	// The UI texts of the drill's own file come one file per language, and the early script asks for the
	// visitor's language's, beside the scripts.
	const texts = [...early.matchAll(/`(\/_app\/immutable\/chunks\/text-[^`]+\.js)`/g)].map(
		(m) => m[1]!
	);
	const english = texts.filter((t) => t.includes('.en.'));
	expect(english).toHaveLength(1);
	expect(texts.filter((t) => t.includes('.zh-CN.'))).toHaveLength(1);
	// A phone's link fetches six files at a time, a round trip each: a few files, not dozens.
	expect(preloaded.length).toBeLessThanOrEqual(10);
	// Other pages preload no bank index.
	expect(await (await request.get('/library')).text()).not.toContain('/bank-index');
	// Nothing of the results screen comes before the first question, its styles included.
	const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)].map(([link]) => link);
	expect(styles.length).toBeGreaterThan(0);
	expect(styles.filter((link) => /BarChart|ResultsView/.test(link))).toEqual([]);
	// The drill page's own scripts begin with V8's compile hint, to be compiled as they arrive.
	const hinted = [...html.matchAll(/<link href="\.?([^"]+\.js)" rel="modulepreload">/g)].map(
		(m) => m[1]!
	);
	const files = await Promise.all(
		hinted.map(async (path) => ({ path, code: await (await request.get(path)).text() }))
	);
	// The three files of the first question's code (what every page loads, what the drill shares with
	// other pages, the drill's own); the small entry files SvelteKit names are left as they are.
	const large = files.filter((f) => f.code.length > 10_000);
	expect(large.length, hinted.join(' ')).toBeGreaterThanOrEqual(3);
	for (const f of large) expect(f.code.split('\n')[0], f.path).toBe('//# allFunctionsCalledOnLoad');
	// Nor the words and code only some visits need: why a record was set aside, the notices of what went
	// wrong, the paused screen and the dialog asking before a drill is lost (all fetched when needed).
	const firstCode = files.map((f) => f.code).join('\n');
	expect(firstCode.includes('made by an older version of Fraud Drill')).toBe(false);
	expect(firstCode.includes('Leave this drill?')).toBe(false);
	expect(firstCode.includes('Progress is not being saved')).toBe(false);
	expect(firstCode.includes('so the next scenario no longer fits this page')).toBe(false);
	expect(firstCode.includes('Continue when you are ready')).toBe(false);
	// Nor the answer's feedback (its heading's id, a stable marker), fetched once the question is painted.
	expect(firstCode.includes('id="feedback-title"')).toBe(false);
	// Nor Paraglide's locale-resolving runtime (its cookie's name, its error for a locale not found): the
	// messages read the app's own locale.
	expect(firstCode.includes('PARAGLIDE_LOCALE')).toBe(false);
	expect(firstCode.includes('No locale found')).toBe(false);
	// Nor the action creators the drill's machine does not use (xstate's setup() would bring them all).
	for (const action of ['xstate.sendTo', 'xstate.log', 'xstate.enqueueActions', 'xstate.emit'])
		expect(firstCode.includes(action), action).toBe(false);
	// Nor Svelte's whole API as one object (SvelteKit's router reads it by name: its legacy functions stay
	// out).
	expect(firstCode.includes('createEventDispatcher')).toBe(false);
	// Nor the lists of files the app's own later imports would fetch alongside them (SvelteKit's own, for
	// moving to another page, stay): the drill's file names no other script.
	const drillFile = large.find((f) => f.code.includes('fd:answer-to-feedback'));
	expect(drillFile?.code.match(/__vite__mapDeps=.*?\]/)?.[0] ?? '', drillFile?.path).not.toMatch(
		/\.js"/
	);

	const paths = recordRequests(page);
	await markQuestionShown(page);
	await page.goto('/train');
	await page.locator('[data-ready=true] [data-deck=quick]').waitFor();
	// A new learner's Quick 10 is drawn while storage opens: its first scenario is asked for before the tap.
	const beforeTap = paths.filter((p) => p.startsWith('/scenarios/'));
	expect(beforeTap).toHaveLength(1);
	await page.locator('[data-deck=quick]').click();
	const id = (await page.locator('[data-question]').getAttribute('data-question')) ?? '';
	// The drill started is the deck drawn ahead: its first question's scenario is the one fetched early.
	expect(beforeTap[0]).toBe(`/scenarios/${encodeURIComponent(id.split('/')[0] ?? '')}.en.json`);
	// What the page's HTML fetched is what the page's own code uses: the index is requested once.
	expect(paths.filter((p) => p.startsWith('/bank-index'))).toEqual(['/bank-index.en.json']);
	// Every script the first question needed was fetched at once, beside the others, not after them: only
	// the root error page is fetched by the framework itself once it has started, as on every page. What is
	// fetched once the question is painted (storage's library, the feedback's code) comes after it.
	const late = [...new Set(paths)]
		.filter((p) => p.endsWith('.js') && !preloaded.includes(p) && !english.includes(p))
		.filter((p) => !/\/nodes\/1\.[^/]+\.js$/.test(p));
	const before = await askedBeforeQuestion(page, late);
	expect(late.filter((_, i) => before[i])).toEqual([]);
	// The English visitor's texts were fetched, and not the Chinese ones.
	expect(english.filter((t) => !paths.includes(t))).toEqual([]);
	expect(paths.filter((p) => p.includes('/text-') && p.includes('.zh-CN.'))).toEqual([]);
	// Storage's library follows the question being up, before any answer.
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	await page.locator('[data-screen=asking]').waitFor();
	await expect
		.poll(async () => {
			const js = paths.filter((p) => p.endsWith('.js') && !preloaded.includes(p));
			return (await Promise.all(js.map(isStorageLibrary))).includes(true);
		})
		.toBe(true);
});

test("a first visit loads no storage module before the first question; storage's code follows it, and the first answer is saved", async ({
	page,
	request
}) => {
	const paths = recordRequests(page);
	await markQuestionShown(page);
	// Every storage module beyond the raw reads goes through its stores' opening (progress/db.ts), whose
	// words for unusable storage mark the file that holds it.
	const hasStorageCode = async (path: string) =>
		(await (await request.get(path)).text()).includes('Browser storage is unavailable');
	await startQuick(page);
	await answerByKeyboard(page, true);
	await page.locator('[data-storage=saved]').waitFor();
	const js = [...new Set(paths.filter((p) => p.endsWith('.js')))];
	const marked = await Promise.all(js.map(hasStorageCode));
	const storageFiles = js.filter((_, i) => marked[i]);
	// Storage's code came, for the first save, and was asked for only once the first question was on screen.
	expect(storageFiles.length).toBeGreaterThan(0);
	expect(await askedBeforeQuestion(page, storageFiles)).not.toContain(true);
	await page.reload();
	await page.locator('[data-ready=true]').waitFor();
	await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeVisible();
});

test("a first visit's first scenario is asked for by the page's HTML, while the app's scripts and the bank's index are still on their way", async ({
	page
}) => {
	const paths = recordRequests(page);
	// The app's scripts and the bank's index are held back until a scenario file has been asked for, or for
	// three seconds.
	let asked = () => {};
	const scenarioAsked = new Promise<void>((resolve) => (asked = resolve));
	let through = 0;
	let throughAtScenario = -1;
	page.on('request', (r) => {
		if (!new URL(r.url()).pathname.startsWith('/scenarios/')) return;
		if (throughAtScenario < 0) throughAtScenario = through;
		asked();
	});
	const holdBack = async (route: Route) => {
		await Promise.race([scenarioAsked, new Promise((resolve) => setTimeout(resolve, 3000))]);
		through++;
		await route.continue();
	};
	await page.route('**/_app/immutable/**/*.js', holdBack);
	await page.route('**/bank-index.*.json', holdBack);
	await page.goto('/train');
	await page.locator('[data-ready=true] [data-deck=quick]').waitFor();
	// Asked for before any of the app's scripts, or the index, had come through: the page draws it from
	// the scenarios written into it.
	expect(throughAtScenario).toBe(0);
	const early = paths.filter((p) => p.startsWith('/scenarios/'));
	expect(early).toHaveLength(1);
	// The drill started is a deck beginning with that scenario, and nothing is fetched twice.
	await page.locator('[data-deck=quick]').click();
	const id = (await page.locator('[data-question]').getAttribute('data-question')) ?? '';
	expect(early[0]).toBe(`/scenarios/${encodeURIComponent(id.split('/')[0] ?? '')}.en.json`);
	expect(paths.filter((p) => p === early[0])).toHaveLength(1);
	expect(paths.filter((p) => p.startsWith('/bank-index'))).toEqual(['/bank-index.en.json']);
});

test('no other scenario of the deck is asked for before the first question is on screen', async ({
	page
}) => {
	// Each fetch the page makes, and how many had been made when the first question became answerable (a
	// mutation observer runs right after the page's update, before that screen is painted).
	await page.addInitScript(() => {
		const log = { calls: [] as string[], atQuestion: -1 };
		(window as unknown as { __fetches: typeof log }).__fetches = log;
		const fetch0 = window.fetch.bind(window);
		window.fetch = (input, init) => {
			log.calls.push(String(input instanceof Request ? input.url : input));
			return fetch0(input, init);
		};
		new MutationObserver(() => {
			if (log.atQuestion < 0 && document.querySelector('[data-screen=asking]'))
				log.atQuestion = log.calls.length;
		}).observe(document, { subtree: true, childList: true, attributes: true });
	});
	await startQuick(page);
	while ((await screen(page)) === 'presenting') await page.keyboard.press('Enter');
	await page.locator('[data-screen=asking]').waitFor();
	const scenarioCalls = () =>
		page.evaluate(() => {
			const log = (window as unknown as { __fetches: { calls: string[]; atQuestion: number } })
				.__fetches;
			const isScenario = (u: string) => u.includes('/scenarios/');
			return {
				before: log.calls.slice(0, log.atQuestion).filter(isScenario).length,
				all: new Set(log.calls.filter(isScenario)).size
			};
		});
	// The first question's own scenario only; the other nine follow once it is painted.
	expect((await scenarioCalls()).before).toBe(1);
	await expect.poll(async () => (await scenarioCalls()).all).toBe(10);
});

test('the drill page fetches no style file, its styles being in its HTML; a drill started by a tap takes focus to its script after the paint, not in the render that builds it', async ({
	page
}) => {
	const paths = recordRequests(page);
	// For each time the script's controls appear: was focus already on them (moved in the same render)?
	await page.addInitScript(() => {
		const atBuild: boolean[] = [];
		(window as unknown as { __focusAtBuild: boolean[] }).__focusAtBuild = atBuild;
		let up = false;
		new MutationObserver(() => {
			const more = document.querySelector('[data-screen=presenting] .more');
			if (more && !up) atBuild.push(document.activeElement === more);
			up = !!more;
		}).observe(document, { subtree: true, childList: true, attributes: true });
	});
	await page.goto('/train');
	await page.locator('[data-ready=true]').waitFor();
	// A phone's link fetches six files at a time: the styles come inside the page, not as three more.
	expect(paths.filter((p) => p.endsWith('.css'))).toEqual([]);
	// A quick drill whose first question shows only its first message opens straight on the question;
	// start again (nothing answered, so nothing to confirm) until one has a script to unfold.
	for (let attempt = 0; ; attempt++) {
		await page.locator('[data-deck=quick]').click();
		if ((await page.locator('[data-screen]').getAttribute('data-screen')) === 'presenting') break;
		if (attempt > 20) throw new Error('no quick drill began with a script to unfold');
		await page.getByRole('button', { name: 'Quit drill' }).click();
		await page.locator('[data-deck=quick]').waitFor();
	}
	// Focus still lands just before "Next message", so the first Tab reaches it.
	await expect(page.locator('.more')).toBeFocused();
	const atBuild = await page.evaluate(
		() => (window as unknown as { __focusAtBuild: boolean[] }).__focusAtBuild
	);
	expect(atBuild.at(-1)).toBe(false);
	await page.keyboard.press('Tab');
	await expect(page.locator(':focus')).toContainText('Next message');
});

test("the feedback's code follows the first question: an answer that comes before it shows its feedback as soon as it arrives, focused, and the next answers' at once", async ({
	page
}) => {
	// The script holding the feedback panel (its heading's id, a stable marker) is held back until released.
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	const held: string[] = [];
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (body.includes('id="feedback-title"')) {
			held.push(new URL(route.request().url()).pathname);
			await released;
		}
		await route.fulfill({ response, body });
	});
	await startQuick(page);
	await answerByKeyboard(page, false);
	// Asked for (once the question was painted, or with the answer), not there yet: the question is put away
	// and nothing else shows in its place.
	await expect.poll(() => held.length).toBe(1);
	await expect(page.locator('.feedback')).toHaveCount(0);
	await expect(page.locator('#question-title')).toBeHidden();
	release();
	const feedback = page.locator('[data-screen=feedback] .feedback[data-correct=false]');
	await expect(feedback).toBeVisible();
	await expect(feedback).toContainText('Not quite');
	await expect(feedback).toContainText('Safe action');
	await expect(page.locator('#feedback-title')).toBeFocused();
	// The next question's feedback is drawn ahead while it is read, and shows with its answer.
	await goOn(page);
	await answerByKeyboard(page, true);
	await expect(page.locator('.feedback[data-correct=true]')).toBeVisible();
	await expect(page.locator('#feedback-title')).toBeFocused();
	expect(held).toHaveLength(1);
});
