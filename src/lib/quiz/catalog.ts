/**
 * A catalog is the bank plus its generated questions, indexed for the quiz: built once per bank and shared
 * by the machine, deck building, grading and results.
 *
 * Every catalog also carries an index: each scenario's id, lure and verdict and its questions' ids, kinds
 * and script lengths. That is all deck building and attempt records need, and it is small, so a drill can
 * start from the index (`/bank-index.json`) and fetch only the scenarios its deck asks (see
 * `$lib/bank-client`). A catalog made from the whole bank (`makeCatalog`) has every scenario; a drill
 * catalog (`makeIndexCatalog`) gains scenarios as they arrive, and its `scenario`, `question` and
 * `questions` hold only those.
 */
import { generateQuestions, questionsFor, type Question } from '$lib/scenarios/generate';
import type { Bank, DrillScenario, Lure, RedFlag, Scenario } from '$lib/scenarios/schema';

/** A scenario as the drill's files ship it: without what only the library shows (see `DrillScenario`). */
export function drillScenario(s: DrillScenario): DrillScenario {
	const { id, title, lure, verdict, steps, decisions, safe_actions, explanation } = s;
	return { id, title, lure, verdict, steps, decisions, safe_actions, explanation };
}

/** What the index says about one question: enough to build decks, not to show or grade it. */
export interface QuestionEntry {
	id: string;
	kind: Question['kind'];
	scenarioId: string;
	visibleSteps: number;
}

/** What the index says about one scenario. */
export interface ScenarioEntry {
	id: string;
	lure: Scenario['lure'];
	verdict: Scenario['verdict'];
	/** The scenario's questions, in generation order (deck building draws from them in this order). */
	questions: readonly QuestionEntry[];
}

/**
 * What a drill shows of a red flag: its name (on the script and in the feedback) and whether it decides
 * where to stop. Its explanation and safe action are the library's and the review's, from the whole bank.
 */
export type FlagEntry = Pick<RedFlag, 'id' | 'name' | 'decisive'>;

/** What a drill shows of a lure type: its name (the deck menu, the results by lure type). */
export type LureEntry = Pick<Lure, 'id' | 'name'>;

/**
 * The bank as a catalog holds it: the whole bank, or (in a drill catalog) the index's part of it with the
 * scenarios fetched so far. Seed cases and the texts only the library shows are not in it.
 */
export interface CatalogBank {
	redFlags: readonly FlagEntry[];
	lures: readonly LureEntry[];
	scenarios: readonly DrillScenario[];
	forms?: Bank['forms'];
}

/**
 * One scenario as `/bank-index.json` ships it. Each question is `[rest of its id, visible steps]`: every
 * question id is the scenario's id, a slash and its kind (then, for decision points, a slash and the
 * point's id), so the index spells each scenario id once and the kind is read from the id.
 */
export interface WireScenario {
	id: string;
	lure: Scenario['lure'];
	verdict: Scenario['verdict'];
	questions: readonly (readonly [string, number])[];
}

/** The small part of the bank every drill needs before its first question, shipped as `/bank-index.json`. */
export interface BankIndex {
	redFlags: readonly FlagEntry[];
	lures: readonly LureEntry[];
	forms?: Bank['forms'];
	/** Every scenario, in the bank's order. */
	scenarios: readonly WireScenario[];
}

/** The index as a catalog holds it, with lookups. */
export interface CatalogIndex {
	scenarios: readonly ScenarioEntry[];
	/** Every question of the bank, scenario by scenario in the bank's order. */
	questions: readonly QuestionEntry[];
	scenario: ReadonlyMap<string, ScenarioEntry>;
	question: ReadonlyMap<string, QuestionEntry>;
}

export interface Catalog {
	bank: CatalogBank;
	/** Generated questions of the scenarios at hand (all of them, unless this is a drill catalog). */
	questions: readonly Question[];
	question: ReadonlyMap<string, Question>;
	scenario: ReadonlyMap<string, DrillScenario>;
	flag: ReadonlyMap<string, FlagEntry>;
	/** Every scenario and question of the bank, whether or not its text is at hand. */
	index: CatalogIndex;
}

/** The red flags that decide where a learner should have stopped. */
function decisiveFlags(redFlags: readonly FlagEntry[]): Set<string> {
	return new Set(redFlags.filter((f) => f.decisive).map((f) => f.id));
}

function entryOf(s: Scenario, questions: readonly Question[]): ScenarioEntry {
	return {
		id: s.id,
		lure: s.lure,
		verdict: s.verdict,
		questions: questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			scenarioId: q.scenarioId,
			visibleSteps: q.visibleSteps
		}))
	};
}

function catalogIndex(scenarios: readonly ScenarioEntry[]): CatalogIndex {
	const questions = scenarios.flatMap((s) => s.questions);
	return {
		scenarios,
		questions,
		scenario: new Map(scenarios.map((s) => [s.id, s])),
		question: new Map(questions.map((q) => [q.id, q]))
	};
}

const QUESTION_KINDS: ReadonlySet<string> = new Set<Question['kind']>([
	'decide',
	'verdict',
	'flags',
	'stop'
]);

/** The index of a (checked) bank: what `/bank-index.json` serves. */
export function bankIndex(bank: Bank): BankIndex {
	const decisive = decisiveFlags(bank.redFlags);
	return {
		redFlags: bank.redFlags.map(({ id, name, decisive }) => ({ id, name, decisive })),
		lures: bank.lures.map(({ id, name }) => ({ id, name })),
		...(bank.forms ? { forms: bank.forms } : {}),
		scenarios: bank.scenarios.map((s) => ({
			id: s.id,
			lure: s.lure,
			verdict: s.verdict,
			questions: questionsFor(s, decisive).map((q) => {
				// Generation names every question after its scenario (see $lib/scenarios/generate).
				if (!q.id.startsWith(`${s.id}/`) || q.id.split('/')[1] !== q.kind)
					throw new Error(`Question ${q.id} is not named after its scenario ${s.id} and kind`);
				return [q.id.slice(s.id.length + 1), q.visibleSteps] as const;
			})
		}))
	};
}

/**
 * A scenario of the index with its questions spelled out. Null when a question's kind is not one the quiz
 * knows (an index from another build).
 */
export function scenarioEntry(wire: WireScenario): ScenarioEntry | null {
	const questions: QuestionEntry[] = [];
	for (const [rest, visibleSteps] of wire.questions) {
		const kind = rest.split('/')[0] ?? '';
		if (!QUESTION_KINDS.has(kind)) return null;
		questions.push({
			id: `${wire.id}/${rest}`,
			kind: kind as Question['kind'],
			scenarioId: wire.id,
			visibleSteps
		});
	}
	return { id: wire.id, lure: wire.lure, verdict: wire.verdict, questions };
}

/** Indexes a (checked) bank and its questions. */
export function makeCatalog(bank: Bank): Catalog {
	const questions = generateQuestions(bank);
	const bySenario = new Map<string, Question[]>();
	for (const q of questions)
		bySenario.set(q.scenarioId, [...(bySenario.get(q.scenarioId) ?? []), q]);
	return {
		bank,
		questions,
		question: new Map(questions.map((q) => [q.id, q])),
		scenario: new Map(bank.scenarios.map((s) => [s.id, s])),
		flag: new Map(bank.redFlags.map((f) => [f.id, f])),
		index: catalogIndex(bank.scenarios.map((s) => entryOf(s, bySenario.get(s.id) ?? [])))
	};
}

/** Why a scenario could not be added to a drill catalog. */
export type AddProblem = 'unknown-scenario' | 'not-in-index';

/** A catalog that starts from the index and gains scenarios as they are fetched. */
export interface DrillCatalog extends Catalog {
	/** Whether the scenario's text is at hand. */
	has(scenarioId: string): boolean;
	/**
	 * Adds a fetched scenario. Its generated questions must be exactly the ones the index lists (the two
	 * come from one build); otherwise nothing is added and the problem is returned.
	 */
	add(scenario: DrillScenario): AddProblem | null;
}

/**
 * A drill catalog with no scenario text yet. Throws when the index names a kind of question the quiz does
 * not know (an index from another build).
 */
export function makeIndexCatalog(index: BankIndex): DrillCatalog {
	const scenarios: DrillScenario[] = [];
	const questions: Question[] = [];
	const question = new Map<string, Question>();
	const scenario = new Map<string, DrillScenario>();
	const indexed = catalogIndex(
		index.scenarios.map((wire) => {
			const entry = scenarioEntry(wire);
			if (!entry) throw new Error(`The index's scenario ${wire.id} does not fit this app`);
			return entry;
		})
	);
	const decisive = decisiveFlags(index.redFlags);
	const bank: CatalogBank = {
		redFlags: index.redFlags,
		lures: index.lures,
		...(index.forms ? { forms: index.forms } : {}),
		scenarios
	};
	return {
		bank,
		questions,
		question,
		scenario,
		flag: new Map(index.redFlags.map((f) => [f.id, f])),
		index: indexed,
		has: (id) => scenario.has(id),
		add(s) {
			if (scenario.has(s.id)) return null;
			const entry = indexed.scenario.get(s.id);
			if (!entry) return 'unknown-scenario';
			const own = questionsFor(s, decisive);
			const same =
				own.length === entry.questions.length &&
				own.every((q, i) => {
					const e = entry.questions[i];
					return e?.id === q.id && e.visibleSteps === q.visibleSteps;
				});
			if (!same || s.lure !== entry.lure || s.verdict !== entry.verdict) return 'not-in-index';
			scenarios.push(s);
			scenario.set(s.id, s);
			for (const q of own) {
				questions.push(q);
				question.set(q.id, q);
			}
			return null;
		}
	};
}

/** The question with this id; throws when it is missing (callers validate ids at the edge first). */
export function questionOf(catalog: Catalog, id: string): Question {
	const q = catalog.question.get(id);
	if (!q) throw new Error(`Unknown question ${id}`);
	return q;
}

/** The scenario a question is drawn from. */
export function scenarioOf(catalog: Catalog, q: Question): DrillScenario {
	const s = catalog.scenario.get(q.scenarioId);
	if (!s) throw new Error(`Unknown scenario ${q.scenarioId}`);
	return s;
}
