/**
 * The review cards cache. Replaying a long history through FSRS costs about five scheduler steps per
 * answer, on every open of the review page; attempts are append-only, so the cards of the history read
 * last time are stored with a watermark (how many attempts, oldest first, were folded in, the last of
 * them, and a digest of their ids) and only the attempts after it are replayed.
 *
 * The cache is rebuilt from the whole history when it is missing, when it is damaged (it is then set
 * aside like any damaged record), when it was made by other card rules (CARDS_ALGORITHM) or for another
 * bank, or when the history up to the watermark is not the one folded in (older answers imported, a
 * reset, a record set aside). The cards are always those of a full replay.
 */
import * as v from 'valibot';
import type { Attempt } from '$lib/progress/attempts';
import { readOne } from '$lib/progress/bulk';
import { store } from '$lib/progress/db';
import { idsDigest, textDigest } from '$lib/progress/digest';
import { setAside } from '$lib/progress/quarantine';
import { reasonCode } from '$lib/progress/reasons';
import type { Catalog } from '$lib/quiz/catalog';
import { extendCards, type ReviewCard } from './cards';

/** The version of the rules that turn a history into cards (cards.ts): raise it when they change. */
export const CARDS_ALGORITHM = 1;
/** The cache's key in the review store. */
export const CARDS_KEY = 'cards';

const FsrsCardSchema = v.object({
	due: v.date(),
	stability: v.number(),
	difficulty: v.number(),
	elapsed_days: v.number(),
	scheduled_days: v.number(),
	learning_steps: v.number(),
	reps: v.number(),
	lapses: v.number(),
	state: v.picklist([0, 1, 2, 3]),
	last_review: v.optional(v.date())
});

const ReviewCardSchema = v.object({
	id: v.string(),
	kind: v.picklist(['question', 'flag']),
	target: v.string(),
	card: FsrsCardSchema,
	attempts: v.number(),
	misses: v.number(),
	unsure: v.number(),
	lastAt: v.number(),
	lastCorrect: v.boolean(),
	lastSure: v.boolean(),
	lastScenarios: v.array(v.string())
});

const CacheSchema = v.object({
	v: v.literal(1),
	algorithm: v.number(),
	bank: v.string(),
	/** How many attempts, oldest first, are folded into the cards. */
	count: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** The id of the last of them ('' when none). */
	lastId: v.string(),
	/** The digest of their ids (see idsDigest). */
	ids: v.string(),
	cards: v.array(ReviewCardSchema)
});
export type CardsCache = v.InferOutput<typeof CacheSchema>;

const fingerprints = new WeakMap<Catalog, string>();

/**
 * What the cards depend on in the bank, as one digest: each question's scenario, kind, visible steps,
 * answer and choices, each scenario's verdict and flagged steps, and the decisive flags. A new bank with the same questions keeps
 * the cache; any change the cards could see throws it away.
 */
export function bankFingerprint(catalog: Catalog): string {
	let print = fingerprints.get(catalog);
	if (print === undefined) {
		const parts: string[] = [
			catalog.bank.redFlags
				.filter((f) => f.decisive)
				.map((f) => f.id)
				.join(',')
		];
		for (const s of catalog.bank.scenarios)
			parts.push(`${s.id}|${s.verdict}|${s.steps.map((st) => st.flags.join('+')).join('/')}`);
		for (const q of catalog.questions)
			parts.push(
				[
					q.id,
					q.scenarioId,
					q.kind,
					q.visibleSteps,
					'answer' in q ? JSON.stringify(q.answer) : '',
					'choices' in q ? q.choices.join(',') : ''
				].join('|')
			);
		print = textDigest(parts.join('\n'));
		fingerprints.set(catalog, print);
	}
	return print;
}

/** What a cache read found. */
export type CacheRead =
	| { status: 'none' }
	| { status: 'ok'; cache: CardsCache }
	| { status: 'damaged'; value: unknown; reason: string };

/** Checks a stored cache value; damaged values come back with the reason they are set aside for. */
export function readCache(raw: unknown): CacheRead {
	if (raw === null || raw === undefined) return { status: 'none' };
	const parsed = v.safeParse(CacheSchema, raw);
	if (!parsed.success)
		return {
			status: 'damaged',
			value: raw,
			reason: reasonCode('cards-damaged', v.getDotPath(parsed.issues[0]) ?? 'record')
		};
	return { status: 'ok', cache: parsed.output };
}

/** How the cards of an open were made: from the cache alone, the cache and newer attempts, or a replay. */
export type CardsSource = 'cache' | 'extended' | 'rebuilt';

/** Where folding resumes: the cached cards and how many attempts they hold, or null to replay all. */
function resumePoint(
	catalog: Catalog,
	attempts: readonly Attempt[],
	cache: CardsCache | null
): { cards: Map<string, ReviewCard>; from: number; prefix: string } | null {
	if (
		!cache ||
		cache.algorithm !== CARDS_ALGORITHM ||
		cache.bank !== bankFingerprint(catalog) ||
		cache.count > attempts.length ||
		(cache.count === 0 ? cache.lastId !== '' : attempts[cache.count - 1]?.id !== cache.lastId)
	)
		return null;
	const prefix = idsDigest(prefixIds(attempts, cache.count));
	if (prefix !== cache.ids) return null;
	return {
		cards: new Map(cache.cards.map((c) => [c.id, c as ReviewCard])),
		from: cache.count,
		prefix
	};
}

function nextCache(
	catalog: Catalog,
	attempts: readonly Attempt[],
	cards: Map<string, ReviewCard>,
	ids: string
): CardsCache {
	return {
		v: 1,
		algorithm: CARDS_ALGORITHM,
		bank: bankFingerprint(catalog),
		count: attempts.length,
		lastId: attempts.at(-1)?.id ?? '',
		ids,
		cards: [...cards.values()]
	};
}

/**
 * The cards of `attempts` (the whole history, oldest first, as readHistory gives it), continuing `cache`
 * when it holds the cards of a prefix of exactly this history, else replaying all of it. Pure: the
 * caller stores `next` when `source` is not 'cache'.
 */
export function cardsFrom(
	catalog: Catalog,
	attempts: readonly Attempt[],
	cache: CardsCache | null
): { cards: Map<string, ReviewCard>; source: CardsSource; next: CardsCache } {
	const resume = resumePoint(catalog, attempts, cache);
	const from = resume?.from ?? 0;
	const cards = extendCards(catalog, resume?.cards ?? new Map(), attempts.slice(from));
	const ids =
		resume && from === attempts.length
			? resume.prefix
			: idsDigest(prefixIds(attempts, attempts.length));
	return {
		cards,
		source: !resume ? 'rebuilt' : from === attempts.length ? 'cache' : 'extended',
		next: nextCache(catalog, attempts, cards, ids)
	};
}

/** Longest stretch of folding between two yields to the page, so a long replay never blocks input. */
const SLICE_MS = 8;

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Folds attempts[from…] into cards a slice at a time, yielding to the page between slices. */
async function foldInSlices(
	catalog: Catalog,
	cards: Map<string, ReviewCard>,
	attempts: readonly Attempt[],
	from: number
): Promise<void> {
	let i = from;
	while (i < attempts.length) {
		const started = performance.now();
		while (i < attempts.length && performance.now() - started < SLICE_MS) {
			const end = Math.min(attempts.length, i + 50);
			extendCards(catalog, cards, attempts.slice(i, end));
			i = end;
		}
		if (i < attempts.length) await yieldToPage();
	}
}

function* prefixIds(attempts: readonly Attempt[], count: number): Iterable<string> {
	for (let i = 0; i < count; i++) yield (attempts[i] as Attempt).id;
}

/**
 * Reads the stored cache (setting a damaged one aside); null when there is none, or no storage. A page
 * starts this together with the history read, so that the two reads overlap (see loadCards).
 */
export async function readStoredCards(): Promise<CardsCache | null> {
	try {
		const read = readCache(await readOne('review', CARDS_KEY));
		if (read.status === 'ok') return read.cache;
		if (read.status === 'damaged') await setAside('review', CARDS_KEY, read.value, read.reason);
	} catch {
		// No storage, or it failed: replay the whole history.
	}
	return null;
}

/**
 * The cards of the history, through the stored cache: reads it (or takes the read already started with
 * readStoredCards), continues or rebuilds it, and stores it again when it changed. Storage failures only
 * cost the replay.
 */
export async function loadCards(
	catalog: Catalog,
	attempts: readonly Attempt[],
	stored: Promise<CardsCache | null> = readStoredCards()
): Promise<{ cards: Map<string, ReviewCard>; source: CardsSource; ids: string }> {
	const cache = await stored;
	const resume = resumePoint(catalog, attempts, cache);
	const from = resume?.from ?? 0;
	const cards = resume?.cards ?? new Map<string, ReviewCard>();
	await foldInSlices(catalog, cards, attempts, from);
	const source: CardsSource = !resume ? 'rebuilt' : from === attempts.length ? 'cache' : 'extended';
	const next = nextCache(
		catalog,
		attempts,
		cards,
		resume && source === 'cache' ? resume.prefix : idsDigest(prefixIds(attempts, attempts.length))
	);
	if (source !== 'cache') {
		try {
			await (await store('review')).setItem(CARDS_KEY, next);
		} catch {
			// The next open replays again; nothing is lost.
		}
	}
	return { cards, source, ids: next.ids };
}

/** Forgets the cache (the next open replays the whole history). */
export async function clearCards(): Promise<void> {
	await (await store('review')).removeItem(CARDS_KEY);
}
