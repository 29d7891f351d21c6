/**
 * Quick 10 drawn ahead. The drill page draws a Quick-10 deck (the drill most learners start with) as soon as
 * the bank's index is in, before storage has been read, so that the first question's scenario is fetched
 * while storage opens rather than after the learner's tap. Started with the same seed, the drill is the
 * deck drawn here, and its first question is up without waiting for the network.
 *
 * Earlier still, the drill page's HTML runs `earlyStart` (see `$lib/page-preloads`) while the app's scripts
 * are on their way: it draws which scenario the first question will come from, with the odds the deck's
 * own draw gives each scenario (`pickFirstScenario`, from the scenarios the build wrote into the page, see
 * `firstPools`), and fetches that scenario at once, beside the index. The page then draws a Quick 10
 * whose first question comes from it (`drawQuickAhead`): the scenario drawn first, then a deck among
 * those that begin with it, is a deck drawn with the usual odds, and its first question no longer waits a
 * round trip after the scripts for its scenario.
 *
 * The draw holds back what a learner with no check taken has held back (every form after the first, see
 * `$lib/checks/hold`). A learner who has taken checks holds back less, may draw another first question
 * from the same seed, and then waits for its scenario as before: the deck is right either way.
 */
import { heldScenarios, type FormRef } from '$lib/checks/hold';
import type { EarlyStart } from '$lib/early';
import type { preferredLocale, startLocale } from '$lib/i18n/locale.svelte';
import type { Catalog } from './catalog';
import { buildDeck, type DeckSpec } from './deck';
import { newSeed } from './random';

/** A Quick-10 deck drawn before storage was read. */
export interface QuickAhead {
	/** The seed to start Quick 10 with. */
	seed: number;
	/** The scenario of the deck's first question (null: an empty bank). */
	firstScenario: string | null;
}

/** The deck spec of Quick 10 for a learner with no check taken. */
export function newLearnerQuickSpec(catalog: Catalog): DeckSpec {
	const hold = heldScenarios(catalog.bank.forms ?? [], []);
	return hold.length > 0 ? { kind: 'quick', hold } : { kind: 'quick' };
}

/**
 * Seeds tried for a deck beginning with the scenario drawn early: each scenario begins about one deck in
 * 40-60 with the shipped bank, so this many tries all failing does not happen; if it did (a scenario that
 * cannot begin a deck), the deck is drawn as usual and its own first scenario fetched.
 */
const FIRST_TRIES = 5000;

/**
 * Draws Quick 10 ahead with a new seed (or the one given). With `first` (the scenario the page's HTML drew
 * and fetched early) and no seed given, the deck is drawn among those whose first question comes from it.
 */
export function drawQuickAhead(
	catalog: Catalog,
	seed?: number,
	first: string | null = null
): QuickAhead {
	const spec = newLearnerQuickSpec(catalog);
	const firstOf = (s: number) => {
		const q = buildDeck(catalog, spec, s)[0];
		return q ? (catalog.index.question.get(q)?.scenarioId ?? null) : null;
	};
	if (seed === undefined && first !== null)
		for (let i = 0; i < FIRST_TRIES; i++) {
			const s = newSeed();
			if (firstOf(s) === first) return { seed: s, firstScenario: first };
		}
	const s = seed ?? newSeed();
	return { seed: s, firstScenario: firstOf(s) };
}

/** What `firstPools` reads of the bank's index (`/bank-index.json`). */
export interface IndexForFirst {
	scenarios: readonly { id: string; verdict: string; questions: readonly unknown[] }[];
	forms?: readonly FormRef[];
}

/**
 * The scenarios a new learner's Quick 10 can begin with, by verdict: those with questions that are not held
 * back (see `$lib/checks/hold`). Worked out from the bank when the drill page is built and written into its
 * HTML, so that the page draws the first scenario without waiting for the index.
 */
export interface FirstPools {
	legit: string[];
	scams: string[];
}

/** The first scenario's pools of a bank's index (see `FirstPools`). */
export function firstPools(index: IndexForFirst): FirstPools {
	const hold = new Set(heldScenarios(index.forms ?? [], []));
	const open = index.scenarios.filter((s) => !hold.has(s.id) && s.questions.length > 0);
	return {
		legit: open.filter((s) => s.verdict === 'legitimate').map((s) => s.id),
		scams: open.filter((s) => s.verdict === 'scam').map((s) => s.id)
	};
}

/**
 * The scenario a new learner's Quick 10 begins with, drawn with the odds of the deck's own draw (see
 * `quickDeck` in ./deck): the deck takes `round(size / 3)` legitimate scenarios (as many as there are, if
 * fewer) and scams for the rest, each uniformly among those not held back, and shuffles them, so its first
 * is one of those legitimate ones with a chance of their share of the deck, else one of the scams.
 *
 * Self-contained (it runs in the page's HTML, before the app's scripts): everything it uses is passed in.
 */
export function pickFirstScenario(
	pools: FirstPools,
	size: number,
	random: () => number
): string | null {
	const legitCount = Math.min(pools.legit.length, Math.round(size / 3));
	const scamCount = Math.min(pools.scams.length, size - legitCount);
	if (legitCount + scamCount === 0) return null;
	const pool = random() * (legitCount + scamCount) < legitCount ? pools.legit : pools.scams;
	return pool[Math.floor(random() * pool.length)] ?? null;
}

/**
 * Run by the drill page's HTML (see `earlyStartScript`): decides the page's locale as the app will
 * (`start`, given the locale mirror's `mirrorKey`, the app's `locales` and `preferred`), draws the first
 * scenario of a new learner's Quick 10 with `pick` from the `pools` the build wrote into the page, and
 * fetches the bank's index (`indexPath`) and that scenario (`scenarioPath`) in that locale, side by side:
 * the scenario no longer waits a round trip for the index. Both as parsed JSON, on the window under `key`
 * (see `EarlyStart` in `$lib/early`). A failed fetch or a damaged file gives null, never a
 * rejection: the app fetches again itself and says what went wrong. Returns the locale it decided (the
 * page's UI texts are asked for in it, see `$lib/page-preloads`).
 *
 * Self-contained, like `pickFirstScenario`: it is turned into the text of an inline script.
 */
export function earlyStart(
	key: string,
	mirrorKey: string,
	locales: readonly string[],
	start: typeof startLocale,
	preferred: typeof preferredLocale,
	indexPath: (locale: string) => string,
	scenarioPath: (id: string, locale: string) => string,
	pick: typeof pickFirstScenario,
	pools: FirstPools,
	size: number
): string {
	const json = (path: string): Promise<unknown> =>
		fetch(path)
			.then((r) => (r.ok ? r.json() : null))
			.catch(() => null);
	const locale = start(mirrorKey, locales, preferred);
	const files: Record<string, Promise<unknown>> = { [indexPath(locale)]: json(indexPath(locale)) };
	const id = pick(pools, size, Math.random);
	if (id) files[scenarioPath(id, locale)] = json(scenarioPath(id, locale));
	const early: EarlyStart = { files, first: id };
	(globalThis as Record<string, unknown>)[key] = early;
	return locale;
}
