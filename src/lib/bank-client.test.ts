/**
 * The drill's fast path: the bank index and one file per scenario, each in one locale's language, served
 * over real HTTP from the shipped bank. A drill catalog builds the very decks the whole bank builds, gains
 * exactly the questions the whole bank has as scenarios arrive, gains the other language of everything it
 * holds before a switch, and a file that cannot be fetched is an error with a code, never a half-filled
 * catalog.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { attemptOf } from '$lib/progress/attempts';
import { savedQuestionIds } from '$lib/progress/saved-ids';
import { bankIndex, drillScenario, makeIndexCatalog, type BankIndex } from '$lib/quiz/catalog';
import { buildDeck, type DeckSpec } from '$lib/quiz/deck';
import { choicesOf } from '$lib/quiz/grade';
import { createQuizMachine } from '$lib/quiz/machine';
import { shippedBank, shippedCatalog } from '$lib/quiz/test-catalog';
import { inLanguage } from '$lib/i18n/text-languages';
import {
	beforeLocaleChange,
	changeLocale,
	currentLocale,
	type Locale
} from '$lib/i18n/locale.svelte';
import {
	addLocale,
	drillCatalogOf,
	earlyFirstScenario,
	ensureScenarios,
	ScenarioLoadError,
	scenariosOf
} from './bank-client';
import { EARLY_START, type EarlyStart } from './early';

const bank = shippedBank();
const full = shippedCatalog();

/** What the server does with scenario files: serve them, answer 404, or serve another build's file. */
let mode: 'serve' | 'missing' | 'other-build' = 'serve';
/** Requests for Chinese files: answered, or as another build's (a flag's id changed, a step's text gone). */
let chinese: 'serve' | 'other-build' = 'serve';
/** Until it resolves, scenario files in English wait. */
let englishHeld: Promise<void> = Promise.resolve();
const served: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
	server = createServer((req, res) => {
		const url = req.url ?? '';
		served.push(url);
		const send = (body: unknown) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const index = /^\/bank-index\.(en|zh-CN)\.json$/.exec(url)?.[1] as Locale | undefined;
		if (index === 'zh-CN' && chinese === 'other-build') {
			const other = bankIndex(bank);
			return send(inLanguage({ ...other, redFlags: [{ ...other.redFlags[0]!, id: 'x' }] }, index));
		}
		if (index) return send(inLanguage(bankIndex(bank), index));
		const [, id, locale] = /^\/scenarios\/(.+)\.(en|zh-CN)\.json$/.exec(url) ?? [];
		const whole = bank.scenarios.find((s) => s.id === decodeURIComponent(id ?? ''));
		if (!whole || mode === 'missing') {
			res.writeHead(404);
			return res.end();
		}
		const language = locale as Locale;
		// As the route writes it: without what only the library shows.
		const scenario = drillScenario(whole);
		if (language === 'zh-CN' && chinese === 'other-build')
			return send(inLanguage({ ...scenario, steps: scenario.steps.slice(1) }, language));
		// Another build's file: the same scenario with its last decision point gone.
		if (mode === 'other-build')
			return send(inLanguage({ ...scenario, decisions: scenario.decisions.slice(1) }, language));
		if (language === 'en') void englishHeld.then(() => send(inLanguage(scenario, language)));
		else send(inLanguage(scenario, language));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	// fetch keeps connections alive; close them so the test process can end.
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

const fetcher = ((path: string) => fetch(base + path)) as typeof fetch;

/** A drill catalog as the page makes it, from the index in English. */
async function drillCatalog() {
	const index = (await (await fetcher('/bank-index.en.json')).json()) as BankIndex;
	return drillCatalogOf(index);
}

/** What a drill catalog holds of the whole bank's `value`, in English only. */
const english = <T>(value: T): T => inLanguage(value, 'en');

describe('the bank index', () => {
	it('is a small part of the bank, and knows every scenario and question', async () => {
		const index = JSON.stringify(bankIndex(bank));
		expect(index.length).toBeLessThan(JSON.stringify(bank).length / 4);
		const catalog = await drillCatalog();
		expect(catalog.index.scenarios.map((s) => s.id)).toEqual(bank.scenarios.map((s) => s.id));
		expect(catalog.index.questions.map((q) => q.id)).toEqual(full.questions.map((q) => q.id));
		expect(catalog.questions).toHaveLength(0);
	});

	it('holds what a drill shows before its first scenario arrives, and nothing only the library shows', async () => {
		const index = bankIndex(bank);
		// Names and the decisive mark of red flags, names of lure types: no explanations, safe actions or
		// seed cases, which only the library and the review show (from the whole bank).
		expect(index.redFlags).toEqual(
			bank.redFlags.map((f) => ({ id: f.id, name: f.name, decisive: f.decisive }))
		);
		expect(index.lures).toEqual(bank.lures.map((l) => ({ id: l.id, name: l.name })));
		expect(index.forms).toEqual(bank.forms);
		expect(Object.keys(index)).not.toContain('cases');
		const json = JSON.stringify(index);
		for (const text of ['explain', 'safe_action', 'summary'])
			expect(json, text).not.toContain(`"${text}"`);
		// Each scenario id is spelled once: its questions are named by the rest of their ids.
		for (const s of bank.scenarios)
			expect(json.split(`"${s.id}"`).length - 1, s.id).toBe(
				1 + (bank.forms ?? []).filter((f) => f.scenarios.includes(s.id)).length
			);
		// The flags, lure types and forms of the drill catalog are the bank's.
		const catalog = await drillCatalog();
		expect([...catalog.flag.keys()]).toEqual([...full.flag.keys()]);
		for (const [id, flag] of catalog.flag) {
			expect(flag.name).toEqual(english(full.flag.get(id)?.name));
			expect(flag.decisive).toBe(full.flag.get(id)?.decisive);
		}
		expect(catalog.bank.lures.map((l) => l.name)).toEqual(english(bank.lures.map((l) => l.name)));
		expect(catalog.bank.forms).toEqual(english(bank.forms));
		expect(catalog.index.questions).toEqual(full.index.questions);
	});

	it('an index naming a kind of question this app does not know is refused', () => {
		const index = bankIndex(bank);
		const [first, ...rest] = index.scenarios;
		const odd = { ...first!, questions: [['quiz', 3] as const, ...first!.questions] };
		expect(() => makeIndexCatalog({ ...index, scenarios: [odd, ...rest] })).toThrow(first!.id);
	});

	it('builds the same decks as the whole bank, for every kind of deck and many seeds', async () => {
		const catalog = await drillCatalog();
		const specs: DeckSpec[] = [
			{ kind: 'quick' },
			{ kind: 'full' },
			{ kind: 'quick', hold: bank.forms?.[1]?.scenarios.slice() ?? [] },
			...bank.lures.map((l) => ({ kind: 'lure' as const, lure: l.id })),
			{ kind: 'ids', ids: full.questions.filter((_, i) => i % 7 === 0).map((q) => q.id) },
			...(bank.forms ?? []).map((f) => ({ kind: 'check' as const, form: f.id }))
		];
		for (const spec of specs)
			for (let seed = 1; seed <= 25; seed++)
				expect(buildDeck(catalog, spec, seed)).toEqual(buildDeck(full, spec, seed));
	});
});

describe('fetching scenarios as a deck needs them', () => {
	it('gains exactly the questions of the whole bank, one file per scenario, each fetched once', async () => {
		mode = 'serve';
		const catalog = await drillCatalog();
		const deck = buildDeck(catalog, { kind: 'quick' }, 42);
		const wanted = scenariosOf(catalog, deck);
		served.length = 0;
		// Two callers at once (the first question and the prefetch of the rest) share the requests.
		await Promise.all([
			ensureScenarios(catalog, wanted.slice(0, 1), fetcher),
			ensureScenarios(catalog, wanted, fetcher)
		]);
		expect(served.sort()).toEqual(wanted.map((id) => `/scenarios/${id}.en.json`).sort());
		for (const id of deck) expect(catalog.question.get(id)).toEqual(english(full.question.get(id)));
		for (const id of wanted)
			expect(catalog.scenario.get(id)).toEqual(english(drillScenario(full.scenario.get(id)!)));
		expect(catalog.questions).toHaveLength(
			full.questions.filter((q) => wanted.includes(q.scenarioId)).length
		);
		// Nothing is fetched again.
		served.length = 0;
		await ensureScenarios(catalog, wanted, fetcher);
		expect(served).toEqual([]);
	});

	it('runs a whole quick drill in the quiz machine on the fetched scenarios alone', async () => {
		mode = 'serve';
		const catalog = await drillCatalog();
		const deck = buildDeck(catalog, { kind: 'quick' }, 9);
		await ensureScenarios(catalog, scenariosOf(catalog, deck), fetcher);
		const actor = createActor(createQuizMachine(catalog)).start();
		actor.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 9, at: 1 });
		expect(actor.getSnapshot().context.questionIds).toEqual(deck);
		for (const id of deck) {
			actor.send({ type: 'user.showAll', at: 2 });
			const q = catalog.question.get(id)!;
			const first = choicesOf(q)[0]!;
			actor.send({ type: q.kind === 'flags' ? 'user.toggle' : 'user.select', index: first });
			actor.send({ type: 'user.submit', confidence: 'sure', at: 3 });
			actor.send({ type: 'user.next', at: 4 });
		}
		const { context } = actor.getSnapshot();
		expect(actor.getSnapshot().value).toBe('results');
		expect(context.answers.map((a) => a.questionId)).toEqual(deck);
		// Attempt records carry the lure and verdict of their scenario, as with the whole bank.
		const attempt = attemptOf(catalog, context, context.answers[0]!, 0);
		expect(attempt).toEqual(attemptOf(full, context, context.answers[0]!, 0));
		expect(attempt.lure).not.toBeNull();
	});

	it('a missing file is an error naming it, with nothing half-added, and a retry fetches it', async () => {
		const catalog = await drillCatalog();
		const id = bank.scenarios[3]!.id;
		mode = 'missing';
		const failed = await ensureScenarios(catalog, [id], fetcher).catch((err: unknown) => err);
		expect(failed).toBeInstanceOf(ScenarioLoadError);
		expect((failed as ScenarioLoadError).code).toBe('missing');
		expect((failed as ScenarioLoadError).path).toBe(`/scenarios/${id}.en.json`);
		expect(catalog.has(id)).toBe(false);
		expect(catalog.questions).toHaveLength(0);
		mode = 'serve';
		await ensureScenarios(catalog, [id], fetcher);
		expect(catalog.has(id)).toBe(true);
	});

	it("another build's file does not fit the index: refused, not added", async () => {
		const catalog = await drillCatalog();
		const withDecisions = bank.scenarios.find((s) => s.decisions.length > 0)!;
		mode = 'other-build';
		const failed = await ensureScenarios(catalog, [withDecisions.id], fetcher).catch(
			(err: unknown) => err
		);
		mode = 'serve';
		expect((failed as ScenarioLoadError).code).toBe('mismatch');
		expect(catalog.has(withDecisions.id)).toBe(false);
		expect(catalog.question.size).toBe(0);
	});

	it('no connection is a network error', async () => {
		const catalog = await drillCatalog();
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const offline = ((path: string) => fetch(`http://127.0.0.1:${port}${path}`)) as typeof fetch;
		const failed = await ensureScenarios(catalog, [bank.scenarios[0]!.id], offline).catch(
			(err: unknown) => err
		);
		expect((failed as ScenarioLoadError).code).toBe('network');
	});

	it('ids the index does not know are skipped, not fetched', async () => {
		const catalog = await drillCatalog();
		served.length = 0;
		await ensureScenarios(catalog, ['no-such-scenario'], fetcher);
		expect(served).toEqual([]);
		expect(scenariosOf(catalog, ['no-such-scenario/verdict'])).toEqual([]);
	});
});

describe("the drill's files in one language, and a switch to the other", () => {
	const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

	it('hold every text in that language only, the data otherwise the same', async () => {
		const index = bankIndex(bank);
		for (const locale of ['en', 'zh-CN'] as const) {
			const key = locale === 'en' ? 'en' : 'zh';
			const one = (await (await fetcher(`/bank-index.${locale}.json`)).json()) as BankIndex;
			expect(one.redFlags.map((f) => f.name)).toEqual(
				index.redFlags.map((f) => ({ [key]: f.name[key] }))
			);
			expect(one.scenarios).toEqual(index.scenarios);
			expect(size(one)).toBeLessThan(size(index));
			for (const s of bank.scenarios.slice(0, 5)) {
				const file = await (await fetcher(`/scenarios/${s.id}.${locale}.json`)).json();
				expect(JSON.stringify(file)).not.toContain(key === 'en' ? '"zh":' : '"en":');
				expect(size(file)).toBeLessThan(size(s) * 0.7);
			}
		}
	});

	it('a switch gives the index and every scenario held the other language, each fetched once; scenarios fetched from then on come in both', async () => {
		mode = 'serve';
		const catalog = await drillCatalog();
		const [a, b, c] = bank.scenarios.map((s) => s.id);
		await ensureScenarios(catalog, [a!, b!], fetcher);
		// The texts other parts of the page hold (a question's prompt, a flag's name) are the catalog's own.
		const prompt = catalog.questions.find((q) => q.kind === 'decide');
		const flag = catalog.flag.get(bank.redFlags[0]!.id)!;
		expect(flag.name).toEqual({ en: bank.redFlags[0]!.name.en });
		served.length = 0;
		await Promise.all([addLocale(catalog, 'zh-CN', fetcher), addLocale(catalog, 'zh-CN', fetcher)]);
		expect(served.sort()).toEqual(
			['/bank-index.zh-CN.json', `/scenarios/${a}.zh-CN.json`, `/scenarios/${b}.zh-CN.json`].sort()
		);
		expect(flag.name).toEqual(bank.redFlags[0]!.name);
		expect(catalog.bank.lures).toEqual(bank.lures.map(({ id, name }) => ({ id, name })));
		expect(catalog.bank.forms).toEqual(bank.forms);
		for (const id of [a!, b!])
			expect(catalog.scenario.get(id)).toEqual(drillScenario(full.scenario.get(id)!));
		if (prompt) expect(prompt).toEqual(full.question.get(prompt.id));
		// Added: asked again, nothing is fetched.
		served.length = 0;
		await addLocale(catalog, 'zh-CN', fetcher);
		expect(served).toEqual([]);
		// A later scenario comes in both languages, while the page may switch back at any moment.
		await ensureScenarios(catalog, [c!], fetcher);
		expect(served.sort()).toEqual([`/scenarios/${c}.en.json`, `/scenarios/${c}.zh-CN.json`]);
		expect(catalog.scenario.get(c!)).toEqual(drillScenario(full.scenario.get(c!)!));
	});

	it('a scenario on its way in the old language when the switch starts comes in the new one too', async () => {
		mode = 'serve';
		const catalog = await drillCatalog();
		const id = bank.scenarios[4]!.id;
		let release = () => {};
		englishHeld = new Promise((resolve) => (release = resolve));
		try {
			served.length = 0;
			const arriving = ensureScenarios(catalog, [id], fetcher);
			await expect.poll(() => served).toEqual([`/scenarios/${id}.en.json`]);
			// Nothing held yet in Chinese but the index: the switch is ready before the scenario is in.
			await addLocale(catalog, 'zh-CN', fetcher);
			expect(catalog.has(id)).toBe(false);
			release();
			await arriving;
			expect(served).toContain(`/scenarios/${id}.zh-CN.json`);
			expect(catalog.scenario.get(id)).toEqual(drillScenario(full.scenario.get(id)!));
		} finally {
			release();
			englishHeld = Promise.resolve();
		}
	});

	it('the switch waits for the catalog; one that cannot get its files keeps the language', async () => {
		mode = 'serve';
		const catalog = await drillCatalog();
		const id = bank.scenarios[2]!.id;
		await ensureScenarios(catalog, [id], fetcher);
		const unhook = beforeLocaleChange((next) => addLocale(catalog, next, fetcher));
		try {
			chinese = 'other-build';
			expect(await changeLocale('zh-CN', false)).toBe('failed');
			expect(currentLocale()).toBe('en');
			chinese = 'serve';
			// Nothing of another build's file was merged: the scenario is as it was.
			expect(catalog.scenario.get(id)).toEqual(english(drillScenario(full.scenario.get(id)!)));
			const switching = changeLocale('zh-CN', false);
			expect(currentLocale()).toBe('en');
			expect(await switching).toBe('switched');
			expect(currentLocale()).toBe('zh-CN');
			expect(catalog.scenario.get(id)).toEqual(drillScenario(full.scenario.get(id)!));
		} finally {
			chinese = 'serve';
			unhook();
			await changeLocale('en', false);
		}
	});

	it("another build's file in the other language is a mismatch, nothing of it merged", async () => {
		mode = 'serve';
		const catalog = await drillCatalog();
		const id = bank.scenarios[1]!.id;
		await ensureScenarios(catalog, [id], fetcher);
		chinese = 'other-build';
		try {
			const failed = await addLocale(catalog, 'zh-CN', fetcher).catch((err: unknown) => err);
			expect((failed as ScenarioLoadError).code).toBe('mismatch');
			expect((failed as ScenarioLoadError).path).toBe('/bank-index.zh-CN.json');
			expect(catalog.flag.get(bank.redFlags[0]!.id)?.name).toEqual({
				en: bank.redFlags[0]!.name.en
			});
			// The index fits, a scenario does not.
			const indexOnly = ((path: string) =>
				fetcher(
					path.startsWith('/bank-index') ? path.replace('zh-CN', 'en') : path
				)) as typeof fetch;
			const failedScenario = await addLocale(catalog, 'zh-CN', indexOnly).catch(
				(err: unknown) => err
			);
			expect((failedScenario as ScenarioLoadError).code).toBe('mismatch');
			expect((failedScenario as ScenarioLoadError).path).toBe(`/scenarios/${id}.zh-CN.json`);
			expect(catalog.scenario.get(id)).toEqual(english(drillScenario(full.scenario.get(id)!)));
			// Not added: a scenario fetched next comes in English alone.
			served.length = 0;
			await ensureScenarios(catalog, [bank.scenarios[0]!.id], fetcher);
			expect(served).toEqual([`/scenarios/${bank.scenarios[0]!.id}.en.json`]);
		} finally {
			chinese = 'serve';
		}
	});
});

describe("what the drill page's HTML fetched early", () => {
	const plant = (start: EarlyStart) =>
		((globalThis as Record<string, unknown>)[EARLY_START] = start);
	const unplant = () => delete (globalThis as Record<string, unknown>)[EARLY_START];

	it('is used instead of a fetch, once: the first scenario and its draw', async () => {
		mode = 'serve';
		const catalog = await drillCatalog();
		const id = bank.scenarios[5]!.id;
		const path = `/scenarios/${id}.en.json`;
		plant({
			files: { [path]: Promise.resolve(english(drillScenario(bank.scenarios[5]!))) },
			first: id
		});
		try {
			served.length = 0;
			await ensureScenarios(catalog, [id], fetcher);
			expect(catalog.scenario.get(id)).toEqual(english(drillScenario(full.scenario.get(id)!)));
			expect(served).toEqual([]);
			expect(earlyFirstScenario()).toBe(id);
			// Taken once: a later drill draws its own, and a second catalog fetches the file itself.
			expect(earlyFirstScenario()).toBeNull();
			await ensureScenarios(await drillCatalog(), [id], fetcher);
			expect(served).toEqual(['/bank-index.en.json', path]);
		} finally {
			unplant();
		}
	});

	it('that failed early is fetched again, to say why or to get it', async () => {
		const catalog = await drillCatalog();
		const id = bank.scenarios[6]!.id;
		const path = `/scenarios/${id}.en.json`;
		plant({ files: { [path]: Promise.resolve(null) }, first: null });
		try {
			mode = 'missing';
			const failed = await ensureScenarios(catalog, [id], fetcher).catch((err: unknown) => err);
			expect((failed as ScenarioLoadError).code).toBe('missing');
			mode = 'serve';
			served.length = 0;
			await ensureScenarios(catalog, [id], fetcher);
			expect(served).toEqual([path]);
			expect(catalog.has(id)).toBe(true);
			expect(earlyFirstScenario()).toBeNull();
		} finally {
			mode = 'serve';
			unplant();
		}
	});

	it('nothing fetched early: no first scenario drawn', () => {
		expect(earlyFirstScenario()).toBeNull();
	});
});

describe('the saved drill, read before the bank', () => {
	it("names its deck's and its answers' questions, and nothing from a record of another shape", () => {
		const record = {
			v: 1,
			savedAt: 5,
			snapshot: {
				value: { playing: 'asking' },
				context: {
					questionIds: ['a/verdict', 'b/flags'],
					answers: [{ questionId: 'c/verdict' }, { questionId: 7 }, null]
				}
			}
		};
		expect(savedQuestionIds(record)).toEqual(['a/verdict', 'b/flags', 'c/verdict']);
		for (const other of [null, undefined, 'text', 3, [], {}, { snapshot: null }, { snapshot: {} }])
			expect(savedQuestionIds(other)).toEqual([]);
		expect(savedQuestionIds({ snapshot: { context: { questionIds: 'a/verdict' } } })).toEqual([]);
	});
});
