/**
 * The progress stores on a real IndexedDB implementation (fake-indexeddb, since Node has no browser
 * storage): saving and restoring a quiz, setting aside what no longer fits, and the attempt history.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { makeCatalog } from '$lib/quiz/catalog';
import { createQuizMachine } from '$lib/quiz/machine';
import { shippedBank, shippedCatalog } from '$lib/quiz/test-catalog';
import { appendAttempts, attemptOf, readAttempt, readAttempts, readHistory } from './attempts';
import {
	DEFAULT_SETTINGS,
	readLocaleSetting,
	readSettings,
	updateSettings,
	writeSettings
} from './settings';
import { store } from './db';
import { quarantined } from './quarantine';
import { loadSavedQuiz, saveQuiz, SAVED_QUIZ_VERSION } from './saved-quiz';

const catalog = shippedCatalog();
const machine = createQuizMachine(catalog);

function midQuiz() {
	const actor = createActor(machine).start();
	actor.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 9, at: 1 });
	actor.send({ type: 'user.showAll', at: 2 });
	actor.send({ type: 'user.select', index: 0 });
	return actor;
}

beforeEach(async () => {
	for (const name of ['quiz', 'attempts', 'settings', 'quarantine'] as const)
		await (await store(name)).clear();
});

describe('saved quiz', () => {
	it('restores the exact question, selection and deck after a save', async () => {
		const actor = midQuiz();
		await saveQuiz(actor.getPersistedSnapshot(), 123);
		const loaded = await loadSavedQuiz(catalog);
		expect(loaded.status).toBe('ok');
		if (loaded.status !== 'ok') return;
		expect(loaded.savedAt).toBe(123);
		const restored = createActor(machine, { snapshot: loaded.snapshot }).start().getSnapshot();
		expect(restored.value).toEqual(actor.getSnapshot().value);
		expect(restored.context).toEqual(actor.getSnapshot().context);
	});

	it('removes the record when the machine is idle again', async () => {
		const actor = midQuiz();
		await saveQuiz(actor.getPersistedSnapshot());
		actor.send({ type: 'user.quit' });
		await saveQuiz(actor.getPersistedSnapshot());
		expect(await loadSavedQuiz(catalog)).toEqual({ status: 'none' });
	});

	const damaged: [string, (record: Record<string, unknown>) => unknown, string][] = [
		['an older version', (r) => ({ ...r, v: undefined }), 'quiz-older'],
		['a newer version', (r) => ({ ...r, v: SAVED_QUIZ_VERSION + 1 }), 'quiz-newer'],
		['plain text', () => 'garbage', 'quiz-unreadable'],
		['a truncated snapshot', (r) => ({ ...r, snapshot: { status: 'active' } }), 'quiz-damaged'],
		[
			'an unknown state',
			(r) => ({ ...r, snapshot: { ...(r.snapshot as object), value: 'celebrating' } }),
			'quiz-damaged'
		]
	];
	for (const [name, corrupt, reason] of damaged)
		it(`sets aside ${name} with a reason, keeping the record in quarantine`, async () => {
			const actor = midQuiz();
			const good = { v: SAVED_QUIZ_VERSION, savedAt: 5, snapshot: actor.getPersistedSnapshot() };
			const bad = corrupt(JSON.parse(JSON.stringify(good)));
			await (await store('quiz')).setItem('current', bad);
			const loaded = await loadSavedQuiz(catalog);
			expect(loaded).toEqual({ status: 'set-aside', reason: expect.stringContaining(reason) });
			expect(await (await store('quiz')).getItem('current')).toBeNull();
			const aside = await quarantined();
			expect(aside).toHaveLength(1);
			expect(aside[0]).toMatchObject({ from: 'quiz', key: 'current', value: bad });
		});

	it('sets aside a saved quiz whose scenario was removed from the bank', async () => {
		const actor = midQuiz();
		await saveQuiz(actor.getPersistedSnapshot());
		const firstScenario = actor.getSnapshot().context.questionIds[0]?.split('/')[0];
		const bank = shippedBank();
		const smaller = makeCatalog({
			...bank,
			scenarios: bank.scenarios.filter((s) => s.id !== firstScenario)
		});
		const loaded = await loadSavedQuiz(smaller);
		expect(loaded).toEqual({ status: 'set-aside', reason: 'quiz-changed' });
	});
});

describe('attempt history', () => {
	it('appends each answer once, however often it is saved, and reads them oldest first', async () => {
		const actor = midQuiz();
		actor.send({ type: 'user.submit', confidence: 'unsure', at: 50 });
		const { context } = actor.getSnapshot();
		const attempts = context.answers.map((a, i) => attemptOf(catalog, context, a, i));
		await appendAttempts(attempts);
		await appendAttempts(attempts);
		const read = await readAttempts(catalog);
		expect(read).toEqual(attempts);
		expect(read[0]).toMatchObject({
			v: 3,
			confidence: 'unsure',
			mode: 'drill',
			deck: 'quick',
			at: 50
		});
	});

	it('keeps valid attempts and sets damaged ones aside', async () => {
		const actor = midQuiz();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 60 });
		const { context } = actor.getSnapshot();
		const good = attemptOf(catalog, context, context.answers[0]!, 0);
		await appendAttempts([good]);
		const db = await store('attempts');
		await db.setItem('junk', { hello: 'world' });
		await db.setItem('x:1', { ...good, id: 'x:1', correct: 'yes' });
		expect(await readAttempts(catalog)).toEqual([good]);
		const aside = await quarantined();
		expect(aside.map((r) => r.key).sort()).toEqual(['junk', 'x:1']);
		expect(await readAttempts(catalog)).toEqual([good]);
	});
});

describe('attempt migrations', () => {
	it('migrates a version 1 attempt to version 3, adding lure and verdict, and writes it back', async () => {
		const actor = midQuiz();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 70 });
		const { context } = actor.getSnapshot();
		const current = attemptOf(catalog, context, context.answers[0]!, 0);
		const { lure, verdict, form: _form, ...rest } = current;
		const v1 = { ...rest, v: 1 };
		const db = await store('attempts');
		await db.setItem(v1.id, v1);
		const history = await readHistory(catalog);
		expect(history).toEqual({ attempts: [current], setAside: 0 });
		expect(lure).toBe(catalog.scenario.get(current.scenarioId)?.lure);
		expect(verdict).toBe(catalog.scenario.get(current.scenarioId)?.verdict);
		expect(await db.getItem(v1.id)).toEqual(current);
	});

	it('keeps a version 1 attempt of a removed scenario, with lure and verdict unknown', async () => {
		const actor = midQuiz();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 70 });
		const { context } = actor.getSnapshot();
		const {
			lure: _l,
			verdict: _v,
			form: _f,
			...rest
		} = attemptOf(catalog, context, context.answers[0]!, 0);
		const v1 = { ...rest, v: 1, scenarioId: 'since-removed', questionId: 'since-removed/verdict' };
		await (await store('attempts')).setItem(v1.id, v1);
		const [read] = await readAttempts(catalog);
		expect(read).toMatchObject({
			v: 3,
			scenarioId: 'since-removed',
			lure: null,
			verdict: null,
			form: null
		});
	});

	it('sets aside an attempt from a future version', async () => {
		await (await store('attempts')).setItem('r:0', { v: 4, id: 'r:0' });
		expect(await readHistory(catalog)).toEqual({ attempts: [], setAside: 1 });
		expect((await quarantined())[0]?.reason).toBe('attempt-newer:4');
	});

	it('migrates a version 2 attempt to version 3 as a non-check answer, and writes it back', async () => {
		const actor = midQuiz();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 80 });
		const { context } = actor.getSnapshot();
		const current = attemptOf(catalog, context, context.answers[0]!, 0);
		const { form, ...rest } = current;
		expect(form).toBeNull();
		const v2 = { ...rest, v: 2 };
		const db = await store('attempts');
		await db.setItem(v2.id, v2);
		expect(await readHistory(catalog)).toEqual({ attempts: [current], setAside: 0 });
		expect(await db.getItem(v2.id)).toEqual({ ...v2, v: 3, form: null });
	});

	it('sets aside a version 2 record that claims to be a check answer (checks began with version 3)', async () => {
		const actor = midQuiz();
		actor.send({ type: 'user.submit', confidence: 'sure', at: 90 });
		const { context } = actor.getSnapshot();
		const { form: _f, ...rest } = attemptOf(catalog, context, context.answers[0]!, 0);
		await (await store('attempts')).setItem(rest.id, { ...rest, v: 2, mode: 'check' });
		expect(await readHistory(catalog)).toEqual({ attempts: [], setAside: 1 });
		expect((await quarantined())[0]?.reason).toBe('attempt-damaged:mode');
	});

	it('writes the check form into every answer of a check run', () => {
		const form = catalog.bank.forms?.[0];
		expect(form).toBeDefined();
		const machine = createQuizMachine(catalog);
		const actor = createActor(machine).start();
		actor.send({ type: 'user.start', deck: { kind: 'check', form: form!.id }, seed: 3, at: 0 });
		actor.send({ type: 'user.showAll', at: 1 });
		actor.send({ type: 'user.select', index: 0 });
		actor.send({ type: 'user.submit', confidence: 'unsure', at: 2 });
		const { context } = actor.getSnapshot();
		const a = attemptOf(catalog, context, context.answers[0]!, 0);
		expect(a).toMatchObject({
			v: 3,
			mode: 'check',
			deck: 'check',
			form: form!.id,
			kind: 'verdict'
		});
		expect(readAttempt(a, catalog)).toEqual({ ok: true, attempt: a });
	});
});

describe('settings', () => {
	it('reads defaults when nothing is stored, and what was written', async () => {
		expect(await readSettings()).toEqual({ settings: DEFAULT_SETTINGS, setAside: false });
		await writeSettings({ v: 3, scriptPace: 'whole', locale: 'zh-CN', largerText: true });
		expect((await readSettings()).settings).toEqual({
			v: 3,
			scriptPace: 'whole',
			locale: 'zh-CN',
			largerText: true
		});
	});

	it('migrates version 1 settings to the current version, following the browser until a language is chosen', async () => {
		const db = await store('settings');
		await db.setItem('settings', { v: 1, scriptPace: 'whole' });
		const expected = { v: 3, scriptPace: 'whole', locale: null, largerText: false };
		expect(await readSettings()).toEqual({ settings: expected, setAside: false });
		// The migrated record is written back, and nothing was set aside.
		expect(await db.getItem('settings')).toEqual(expected);
		expect(await quarantined()).toEqual([]);
	});

	it('reads the kept language without touching a damaged record', async () => {
		const db = await store('settings');
		expect(await readLocaleSetting()).toBeNull();
		await updateSettings({ locale: 'zh-CN' });
		expect(await readLocaleSetting()).toBe('zh-CN');
		await db.setItem('settings', { v: 2, scriptPace: 'fast', locale: 'zh-CN' });
		expect(await readLocaleSetting()).toBeNull();
		// Still there for the page that owns the settings to set aside, once.
		expect(await db.getItem('settings')).toEqual({ v: 2, scriptPace: 'fast', locale: 'zh-CN' });
		expect(await quarantined()).toEqual([]);
	});

	it('changes one setting without undoing another', async () => {
		await updateSettings({ locale: 'zh-CN' });
		await updateSettings({ scriptPace: 'whole' });
		expect((await readSettings()).settings).toEqual({
			v: 3,
			scriptPace: 'whole',
			locale: 'zh-CN',
			largerText: false
		});
		await updateSettings({ locale: null });
		expect((await readSettings()).settings.locale).toBeNull();
	});

	it('sets aside damaged or future settings and falls back to defaults', async () => {
		const db = await store('settings');
		await db.setItem('settings', { v: 1, scriptPace: 'fast' });
		expect(await readSettings()).toEqual({ settings: DEFAULT_SETTINGS, setAside: true });
		await db.setItem('settings', { v: 9, scriptPace: 'whole' });
		expect(await readSettings()).toEqual({ settings: DEFAULT_SETTINGS, setAside: true });
		expect((await quarantined()).map((r) => r.reason)).toEqual([
			'settings-damaged:scriptPace',
			'settings-newer:9'
		]);
	});
});
