/**
 * When the trainer writes a drill (on a real IndexedDB implementation, fake-indexeddb): a step that adds an
 * answer is written once its feedback is painted, without waiting for the browser to be idle, so that a
 * learner who leaves straight after answering keeps the answer; other steps still wait for idle time.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { store } from '$lib/progress/db';
import { readSavedRecord } from '$lib/progress/trainer-reads';
import { shippedCatalog } from './test-catalog';
import { Trainer } from './trainer.svelte';

const catalog = shippedCatalog();

/** The answers in the stored drill, or null when none is stored. */
async function storedAnswers(): Promise<number | null> {
	const record = (await readSavedRecord('current')) as {
		snapshot?: { context?: { answers?: unknown[] } };
	} | null;
	return record?.snapshot?.context?.answers?.length ?? null;
}

/** Lets the after-paint tasks run (here, with no frames, plain tasks) and the writes they start end. */
const tasks = () => new Promise((resolve) => setTimeout(resolve, 50));

const idle = globalThis as { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };

beforeEach(async () => {
	for (const name of ['quiz', 'attempts', 'settings', 'quarantine'] as const)
		await (await store(name)).clear();
	// A browser that is never idle: only what does not wait for idle time gets written.
	idle.requestIdleCallback = () => 1;
	idle.cancelIdleCallback = () => {};
});

afterEach(() => {
	delete idle.requestIdleCallback;
	delete idle.cancelIdleCallback;
});

describe('the trainer saves', () => {
	it('an answer once its feedback is painted, without waiting for idle time; other steps wait', async () => {
		const trainer = new Trainer(catalog);
		await trainer.open();
		trainer.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 4, at: 1 });
		trainer.send({ type: 'user.showAll', at: 2 });
		await tasks();
		// Starting and reading the script add no answer: still waiting for idle time.
		expect(await storedAnswers()).toBeNull();

		trainer.send({ type: 'user.select', index: 0 });
		trainer.send({ type: 'user.submit', confidence: 'sure', at: 3 });
		await tasks();
		expect(await storedAnswers()).toBe(1);
		expect(trainer.storage).toBe('saved');

		trainer.send({ type: 'user.next', at: 4 });
		await tasks();
		// Moving on adds no answer: the stored drill is still at the feedback until the browser is idle.
		expect(trainer.storage).toBe('saving');
		trainer.stop();
		await trainer.settled();
		expect(await storedAnswers()).toBe(1);
	});
});
