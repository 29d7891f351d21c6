/**
 * The trainer's storage reads started together (trainer-reads.ts), on a real IndexedDB implementation
 * (fake-indexeddb): they read what is stored, and a trainer opened with them restores, offers or sets aside
 * the saved drill exactly as one that reads for itself, including a record whose read failed.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createQuizMachine } from '$lib/quiz/machine';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { Trainer } from '$lib/quiz/trainer.svelte';
import { writeCheckLog } from './checks';
import { store } from './db';
import { quarantined } from './quarantine';
import { saveQuiz } from './saved-quiz';
import { DEFAULT_SETTINGS, writeSettings } from './settings';
import { readSavedRecord, startTrainerReads } from './trainer-reads';

const catalog = shippedCatalog();

/** A drill saved at its second question. */
async function saveMidDrill(): Promise<void> {
	const actor = createActor(createQuizMachine(catalog)).start();
	actor.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 4, at: 1 });
	actor.send({ type: 'user.showAll', at: 2 });
	actor.send({ type: 'user.select', index: 0 });
	actor.send({ type: 'user.submit', confidence: 'sure', at: 3 });
	actor.send({ type: 'user.next', at: 4 });
	await saveQuiz(actor.getPersistedSnapshot(), 5);
}

beforeEach(async () => {
	for (const name of ['quiz', 'attempts', 'settings', 'quarantine'] as const)
		await (await store(name)).clear();
});

describe("the trainer's reads", () => {
	it('read the settings, the check log and the saved record together', async () => {
		await writeSettings({ ...DEFAULT_SETTINGS, scriptPace: 'whole' });
		await writeCheckLog({ a: 7 });
		await saveMidDrill();
		const reads = startTrainerReads('current');
		expect((await reads.settings).settings.scriptPace).toBe('whole');
		expect(await reads.checkLog).toEqual({ a: 7 });
		expect(await reads.record).toEqual(await readSavedRecord('current'));
		expect(await reads.record).toMatchObject({ v: 1, savedAt: 5 });
		// Another trainer's drill holds no check form back: its log is not read.
		expect(await startTrainerReads('present').checkLog).toEqual({});
	});

	it('open a trainer as its own reads would: the unfinished drill is offered where it stopped', async () => {
		await saveMidDrill();
		const trainer = new Trainer(catalog);
		await trainer.open(startTrainerReads('current', readSavedRecord('current')));
		expect(trainer.offer).toMatchObject({ kind: 'resume', position: 2, total: 10, savedAt: 5 });
		expect(trainer.storage).toBe('saved');
		trainer.stop();
	});

	it('set aside a damaged record read before the trainer opened, with its reason', async () => {
		await (await store('quiz')).setItem('current', { v: 1, savedAt: 'yesterday' });
		const record = readSavedRecord('current');
		const trainer = new Trainer(catalog);
		await trainer.open(startTrainerReads('current', record));
		expect(trainer.offer).toEqual({ kind: 'set-aside', reason: 'quiz-damaged:savedAt' });
		expect((await quarantined()).map((r) => [r.from, r.key, r.reason])).toEqual([
			['quiz', 'current', 'quiz-damaged:savedAt']
		]);
		expect(await readSavedRecord('current')).toBeNull();
		trainer.stop();
	});

	it('set aside a record that could not be read as unreadable, with no unhandled failure meanwhile', async () => {
		await saveMidDrill();
		const reads = startTrainerReads('current', Promise.reject(new Error('read failed')));
		// Unhandled, the failed read would fail this test before the trainer ever awaited it.
		await new Promise((resolve) => setTimeout(resolve, 10));
		const trainer = new Trainer(catalog);
		await trainer.open(reads);
		expect(trainer.offer).toEqual({ kind: 'set-aside', reason: 'quiz-unreadable' });
		expect((await quarantined()).map((r) => [r.key, r.reason, r.value])).toEqual([
			['current', 'quiz-unreadable', '(unreadable)']
		]);
		trainer.stop();
	});
});
