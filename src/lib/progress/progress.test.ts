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
import { appendAttempts, attemptOf, readAttempts } from './attempts';
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
	for (const name of ['quiz', 'attempts', 'quarantine'] as const) await (await store(name)).clear();
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
		['an older version', (r) => ({ ...r, v: undefined }), 'older version'],
		['a newer version', (r) => ({ ...r, v: SAVED_QUIZ_VERSION + 1 }), 'newer version'],
		['plain text', () => 'garbage', 'not a record'],
		['a truncated snapshot', (r) => ({ ...r, snapshot: { status: 'active' } }), 'damaged'],
		[
			'an unknown state',
			(r) => ({ ...r, snapshot: { ...(r.snapshot as object), value: 'celebrating' } }),
			'damaged'
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
		expect(loaded).toEqual({
			status: 'set-aside',
			reason: 'a scenario in the saved drill has been removed or changed since it was saved'
		});
	});
});

describe('attempt history', () => {
	it('appends each answer once, however often it is saved, and reads them oldest first', async () => {
		const actor = midQuiz();
		actor.send({ type: 'user.submit', confidence: 'unsure', at: 50 });
		const { context } = actor.getSnapshot();
		const attempts = context.answers.map((a, i) => attemptOf(context, a, i));
		await appendAttempts(attempts);
		await appendAttempts(attempts);
		const read = await readAttempts();
		expect(read).toEqual(attempts);
		expect(read[0]).toMatchObject({
			v: 1,
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
		const good = attemptOf(context, context.answers[0]!, 0);
		await appendAttempts([good]);
		const db = await store('attempts');
		await db.setItem('junk', { hello: 'world' });
		await db.setItem('x:1', { ...good, id: 'x:1', correct: 'yes' });
		expect(await readAttempts()).toEqual([good]);
		const aside = await quarantined();
		expect(aside.map((r) => r.key).sort()).toEqual(['junk', 'x:1']);
		expect(await readAttempts()).toEqual([good]);
	});
});
