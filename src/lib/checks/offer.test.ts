/**
 * The check offer outside the check page, on an in-memory IndexedDB (fake-indexeddb; the browser tests
 * show the offer on Chromium's own): the before-check for a learner with nothing stored, nothing for one
 * who has drilled without a check, and, once a check has been taken, what the check rules (loaded only
 * then) say is next.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeCheckLog } from '$lib/progress/checks';
import { store } from '$lib/progress/db';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import { loadCheckOffer } from './offer';
import { nextCheck } from './solo';

const catalog = shippedCatalog();
const forms = catalog.bank.forms ?? [];
const NOW = Date.UTC(2026, 10, 30);

beforeEach(async () => {
	for (const name of ['quiz', 'attempts'] as const) await (await store(name)).clear();
});

describe('the check offer', () => {
	it('offers the before-check to a learner with nothing stored', async () => {
		expect(forms.length).toBeGreaterThanOrEqual(2);
		expect(await loadCheckOffer(catalog, NOW)).toEqual({
			kind: 'before',
			size: forms[0]!.scenarios.length
		});
	});

	it('offers nothing to a learner who has drilled without a check, nor with fewer than two forms', async () => {
		await (await store('attempts')).setItem('some-attempt', { v: 1 });
		expect(await loadCheckOffer(catalog, NOW)).toBeNull();
		await (await store('attempts')).clear();
		const oneForm = { ...catalog, bank: { ...catalog.bank, forms: forms.slice(0, 1) } };
		expect(await loadCheckOffer(oneForm, NOW)).toBeNull();
	});

	it('after a check was started, offers what the check rules say is due', async () => {
		// Form A was begun but not finished: the rules still have the before-check due.
		await writeCheckLog({ [forms[0]!.id]: NOW - 1000 });
		const next = nextCheck(forms, [], NOW);
		expect(next?.due).toBe(true);
		expect(await loadCheckOffer(catalog, NOW)).toEqual({ kind: 'due', next });
	});
});
