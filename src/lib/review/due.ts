/**
 * Works out today's review deck size for the home page when its stored summary does not hold (see
 * $lib/progress/due-summary), and stores the summary again. Loaded only then, and only for a learner with
 * a history: the home page of a new learner loads none of the review code or the bank.
 */
import { loadCatalog } from '$lib/bank-client';
import { readHistory } from '$lib/progress/attempts';
import { writeDueSummary } from '$lib/progress/due-summary';
import { newSeed } from '$lib/quiz/random';
import { loadCards, readStoredCards } from './cache';
import { dueDeck, dueSummary, endOfDay } from './review';

/** The size of today's review deck (due by the end of the day); 0 with no history or storage. */
export async function countDue(now = Date.now()): Promise<number> {
	try {
		const stored = readStoredCards();
		const catalog = await loadCatalog();
		const { attempts } = await readHistory(catalog);
		if (attempts.length === 0) return 0;
		const { cards, ids } = await loadCards(catalog, attempts, stored);
		const day = endOfDay(now);
		const due = dueDeck(catalog, cards, attempts, day, newSeed()).length;
		await writeDueSummary(dueSummary(cards, ids, day, due));
		return due;
	} catch {
		return 0;
	}
}
