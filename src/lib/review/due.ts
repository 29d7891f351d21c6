/**
 * How many questions are due today, for the home page. Loaded lazily after the page is shown, so the
 * home page's first paint needs none of the review code or the bank.
 */
import { loadCatalog } from '$lib/bank-client';
import { readHistory } from '$lib/progress/attempts';
import { store } from '$lib/progress/db';
import { newSeed } from '$lib/quiz/random';
import { buildCards } from './cards';
import { dueDeck, endOfDay } from './review';

/** The size of today's review deck (due by the end of the day); 0 with no history or storage. */
export async function countDue(now = Date.now()): Promise<number> {
	try {
		if ((await (await store('attempts')).length()) === 0) return 0;
		const catalog = await loadCatalog();
		const { attempts } = await readHistory(catalog);
		return dueDeck(catalog, buildCards(catalog, attempts), attempts, endOfDay(now), newSeed())
			.length;
	} catch {
		return 0;
	}
}
