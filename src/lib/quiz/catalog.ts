/**
 * A catalog is the bank plus its generated questions, indexed for the quiz: built once per bank and shared
 * by the machine, deck building, grading and results.
 */
import { generateQuestions, type Question } from '$lib/scenarios/generate';
import type { Bank, RedFlag, Scenario } from '$lib/scenarios/schema';

export interface Catalog {
	bank: Bank;
	questions: readonly Question[];
	question: ReadonlyMap<string, Question>;
	scenario: ReadonlyMap<string, Scenario>;
	flag: ReadonlyMap<string, RedFlag>;
}

/** Indexes a (checked) bank and its questions. */
export function makeCatalog(bank: Bank): Catalog {
	const questions = generateQuestions(bank);
	return {
		bank,
		questions,
		question: new Map(questions.map((q) => [q.id, q])),
		scenario: new Map(bank.scenarios.map((s) => [s.id, s])),
		flag: new Map(bank.redFlags.map((f) => [f.id, f]))
	};
}

/** The question with this id; throws when it is missing (callers validate ids at the edge first). */
export function questionOf(catalog: Catalog, id: string): Question {
	const q = catalog.question.get(id);
	if (!q) throw new Error(`Unknown question ${id}`);
	return q;
}

/** The scenario a question is drawn from. */
export function scenarioOf(catalog: Catalog, q: Question): Scenario {
	const s = catalog.scenario.get(q.scenarioId);
	if (!s) throw new Error(`Unknown scenario ${q.scenarioId}`);
	return s;
}
