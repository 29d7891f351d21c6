/**
 * Decks: which questions a quiz asks, in which order. Questions of one scenario stay together and follow
 * the script (decisions in step order, then the verdict, the red flags and where to stop), so the script
 * unfolds once; scenarios are shuffled with the quiz's seed.
 */
import type * as v from 'valibot';
import type { DeckSpecSchema } from './deck-schema';
import { questionId, type QuestionKind } from '$lib/scenarios/generate';
import type { Catalog, QuestionEntry } from './catalog';
import { seededRandom, shuffled } from './random';

/** Number of questions in the quick mixed drill. */
export const QUICK_SIZE = 10;

/** What a learner (or a review or team session) asks to be drilled on (see ./deck-schema). */
export type DeckSpec = v.InferOutput<typeof DeckSpecSchema>;

const KIND_ORDER: Record<QuestionKind, number> = { decide: 0, verdict: 1, flags: 2, stop: 3 };

/** Script order within one scenario: decisions by the step they follow, then the whole-script kinds. */
function byScript(a: QuestionEntry, b: QuestionEntry): number {
	return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.visibleSteps - b.visibleSteps;
}

/** Groups questions by scenario (in first-seen order) and sorts each group in script order. */
function groupByScenario(questions: readonly QuestionEntry[]): QuestionEntry[][] {
	const groups = new Map<string, QuestionEntry[]>();
	for (const q of questions) {
		const list = groups.get(q.scenarioId) ?? [];
		list.push(q);
		groups.set(q.scenarioId, list);
	}
	return [...groups.values()].map((g) => g.sort(byScript));
}

/**
 * The quick drill: QUICK_SIZE scenarios, about a third of them legitimate twins so "scam" is not always the
 * answer, one question from each.
 */
function quickDeck(
	catalog: Catalog,
	random: () => number,
	held: ReadonlySet<string>
): QuestionEntry[] {
	const scenarios = shuffled(
		catalog.index.scenarios.filter((s) => !held.has(s.id)),
		random
	);
	const legit = scenarios.filter((s) => s.verdict === 'legitimate');
	const scams = scenarios.filter((s) => s.verdict === 'scam');
	const legitCount = Math.min(legit.length, Math.round(QUICK_SIZE / 3));
	const picked = shuffled(
		[...legit.slice(0, legitCount), ...scams.slice(0, QUICK_SIZE - legitCount)],
		random
	);
	return picked.flatMap((s) => {
		const q = s.questions[Math.floor(random() * s.questions.length)];
		return q ? [q] : [];
	});
}

/**
 * Builds the ordered question ids of a deck. Same catalog, spec and seed: same deck. Only the catalog's
 * index is read, so a drill catalog builds the same deck before its scenarios have arrived.
 * Unknown ids in an `ids` deck are dropped (a review list may outlive a removed scenario).
 */
export function buildDeck(catalog: Catalog, spec: DeckSpec, seed: number): string[] {
	const random = seededRandom(seed);
	const held: ReadonlySet<string> = new Set('hold' in spec ? spec.hold : []);
	let questions: QuestionEntry[];
	switch (spec.kind) {
		case 'quick':
			return quickDeck(catalog, random, held).map((q) => q.id);
		case 'full':
			questions = [...catalog.index.questions];
			break;
		case 'check': {
			// One verdict question per scenario: a check asks "scam or genuine?" and nothing else.
			const form = catalog.bank.forms?.find((f) => f.id === spec.form);
			questions = (form?.scenarios ?? []).flatMap((id) => {
				const q = catalog.index.question.get(questionId(id, 'verdict'));
				return q ? [q] : [];
			});
			break;
		}
		case 'lure': {
			const ids = new Set(
				catalog.index.scenarios.filter((s) => s.lure === spec.lure).map((s) => s.id)
			);
			questions = catalog.index.questions.filter((q) => ids.has(q.scenarioId));
			break;
		}
		case 'ids': {
			const seen = new Set<string>();
			questions = spec.ids.flatMap((id) => {
				const q = catalog.index.question.get(id);
				if (!q || seen.has(id)) return [];
				seen.add(id);
				return [q];
			});
			break;
		}
	}
	if (held.size > 0) questions = questions.filter((q) => !held.has(q.scenarioId));
	return shuffled(groupByScenario(questions), random)
		.flat()
		.map((q) => q.id);
}
