/**
 * Importing progress on a real IndexedDB implementation (fake-indexeddb): answers to questions this bank
 * no longer has are kept, and counted so that the learner is told.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import type { Attempt } from './attempts';
import { store } from './db';
import { applyImport, checkImport, EXPORT_FORMAT, EXPORT_VERSION } from './transfer';

const catalog = shippedCatalog();
const known = catalog.questions.find((q) => q.kind === 'verdict')!;

function attempt(id: string, questionId: string): Attempt {
	return {
		v: 2,
		id,
		runId: 'r',
		questionId,
		scenarioId: questionId.split('/')[0]!,
		kind: 'verdict',
		selection: [0],
		correct: true,
		confidence: 'sure',
		mode: 'drill',
		deck: 'quick',
		at: 1,
		elapsedMs: 1,
		lure: null,
		verdict: null
	};
}

function file(attempts: Attempt[]): string {
	return JSON.stringify({
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: new Date(0).toISOString(),
		attempts
	});
}

beforeEach(async () => {
	for (const name of ['quiz', 'attempts', 'settings', 'quarantine'] as const)
		await (await store(name)).clear();
});

describe('import', () => {
	it('keeps answers to questions the bank no longer has, and says how many', async () => {
		const text = file([attempt('r:0', known.id), attempt('r:1', 'a-removed-scenario/verdict')]);
		const check = checkImport(text, text.length, catalog);
		if (!check.ok) throw new Error(JSON.stringify(check.reason));
		expect([...check.outsideBank]).toEqual(['r:1']);
		expect(await applyImport(check)).toEqual({ added: 2, known: 0, outside: 1 });
		// Importing the same file again adds nothing, and so reports nothing outside the bank.
		expect(await applyImport(check)).toEqual({ added: 0, known: 2, outside: 0 });
	});
});
