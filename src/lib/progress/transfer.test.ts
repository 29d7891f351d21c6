/**
 * Importing progress on a real IndexedDB implementation (fake-indexeddb): answers to questions this bank
 * no longer has are kept, and counted so that the learner is told.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import type { Attempt } from './attempts';
import { readCheckLog } from './checks';
import { store } from './db';
import { applyImport, checkImport, EXPORT_FORMAT, EXPORT_VERSION } from './transfer';

const catalog = shippedCatalog();
const known = catalog.questions.find((q) => q.kind === 'verdict')!;

function attempt(id: string, questionId: string): Attempt {
	return {
		v: 3,
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
		verdict: null,
		form: null
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

	it('carries check answers with their form, and lifts the hold on that form', async () => {
		const form = catalog.bank.forms![1]!;
		const q = `${form.scenarios[0]}/verdict`;
		const taken = {
			...attempt('c:0', q),
			mode: 'check' as const,
			deck: 'check' as const,
			form: form.id,
			at: 5
		};
		const text = file([taken]);
		const check = checkImport(text, text.length, catalog);
		if (!check.ok) throw new Error(JSON.stringify(check.reason));
		expect(check.attempts).toEqual([taken]);
		await applyImport(check);
		expect(await (await store('attempts')).getItem('c:0')).toEqual(taken);
		expect(await readCheckLog()).toEqual({ [form.id]: 5 });
	});

	it('a file with one bad check answer is refused and leaves progress and the check log untouched', async () => {
		const good = attempt('d:0', known.id);
		await (await store('attempts')).setItem(good.id, good);
		const bad = {
			...attempt('c:0', known.id),
			mode: 'check',
			deck: 'check',
			form: 'NOT A FORM ID'
		};
		const text = file([attempt('c:1', known.id), bad as unknown as Attempt]);
		const check = checkImport(text, text.length, catalog);
		expect(check).toMatchObject({ ok: false, reason: { code: 'attempt-unreadable', n: 2 } });
		expect(await (await store('attempts')).keys()).toEqual(['d:0']);
		expect(await readCheckLog()).toEqual({});
	});
});
