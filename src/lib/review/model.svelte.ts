/**
 * The review page's state: the history read from storage, the cards replayed from it, and the list,
 * groups, due deck and progress charts derived from them. Filters are plain state; everything else is
 * derived, so the page only renders.
 */
import { readHistory, type Attempt } from '$lib/progress/attempts';
import type { Catalog } from '$lib/quiz/catalog';
import { confidenceTally, type ConfidenceTally } from '$lib/quiz/results';
import { newSeed } from '$lib/quiz/random';
import { afterPaint } from '$lib/quiz/frame';
import { writeDueSummary } from '$lib/progress/due-summary';
import { bankFingerprint, loadCards, readStoredCards } from './cache';
import type { ReviewCard } from './cards';
import { lureTrends, runsOf, verdictTrend, type LureTrend, type RunSummary } from './progress';
import {
	dueDeckOf,
	dueSplit,
	dueSummary,
	endOfDay,
	groupBy,
	lastAttempts,
	lastRetry,
	listOf,
	prepareCatalog,
	type DueSplit,
	type RetryOutcome,
	type ReviewItem
} from './review';

export class ReviewModel {
	ready = $state(false);
	/** True when storage could not be read at all. */
	unavailable = $state(false);
	history: Attempt[] = $state.raw([]);
	// The map is replaced whole after each read, never mutated, so a plain Map in raw state is right.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	cards: ReadonlyMap<string, ReviewCard> = $state.raw(new Map());
	setAside = $state(0);
	/** Lure-type filter ('' for all) and grouping. */
	lure = $state('');
	grouping: 'scenario' | 'flag' = $state('scenario');
	/** Due today means due by the end of the local day. */
	readonly now = endOfDay(Date.now());
	readonly #seed = newSeed();

	/** Every listed question; `list` is the same, filtered by lure type. */
	all: ReviewItem[];
	list: ReviewItem[];
	groups: Map<string, ReviewItem[]>;
	due: string[];
	/** Where today's deck comes from, counted against the whole list. */
	split: DueSplit;
	/** What the latest review deck changed, or null before the first one. */
	retry: RetryOutcome | null;
	runs: RunSummary[];
	trends: LureTrend[];
	verdicts: { caught: number[]; falseAlarms: number[] };
	confidence: ConfidenceTally;

	/** Each answered question's latest attempt: one pass over the history for the list and the deck. */
	#last: Map<string, Attempt>;

	constructor(readonly catalog: Catalog) {
		this.#last = $derived(lastAttempts(this.history));
		this.all = $derived(listOf(catalog, this.cards, this.#last, this.now));
		this.list = $derived(
			this.lure ? this.all.filter((i) => i.scenario.lure === this.lure) : this.all
		);
		this.groups = $derived(
			this.grouping === 'scenario'
				? groupBy(this.list, (i) => [i.scenario.id])
				: groupBy(this.list, (i) => (i.flags.length > 0 ? i.flags : ['']))
		);
		this.due = $derived(dueDeckOf(catalog, this.cards, this.all, this.#last, this.now, this.#seed));
		this.split = $derived(dueSplit(this.due, this.all));
		this.retry = $derived(lastRetry(this.history, this.all));
		this.runs = $derived(runsOf(this.history));
		this.trends = $derived(lureTrends(this.runs));
		this.verdicts = $derived(verdictTrend(this.runs));
		this.confidence = $derived(confidenceTally(this.history));
	}

	/**
	 * Reads the history (setting aside damaged records), brings the cards up to date through the cache,
	 * and stores today's due summary for the home page once the page has painted: the write loads the
	 * storage library, which the opening does not otherwise need.
	 */
	async open(): Promise<void> {
		try {
			// The cards cache and the history are read at once: neither waits for the other's store.
			const stored = readStoredCards();
			const history = readHistory(this.catalog);
			// While the history is read (most of that wait is IndexedDB's, off this thread), the work that
			// needs only the bank is done, instead of after the history arrives. The small cards read ends
			// first, once the history's read has been asked for.
			void stored.then(() => {
				bankFingerprint(this.catalog);
				prepareCatalog(this.catalog);
			});
			const { attempts, setAside } = await history;
			const { cards, ids } = await loadCards(this.catalog, attempts, stored);
			this.history = attempts;
			this.cards = cards;
			this.setAside = setAside;
			const summary = dueSummary(cards, ids, this.now, this.due.length);
			afterPaint(() => void writeDueSummary(summary));
		} catch {
			this.unavailable = true;
		}
		this.ready = true;
	}
}
