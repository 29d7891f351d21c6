import { generateQuestions } from './generate';
import type { Bank } from './schema';

/** Headline figures of a bank, as printed by `npm run questions:check`. */
export interface BankSummary {
	scenarios: number;
	scam: number;
	legitimate: number;
	cases: number;
	casesCovered: number;
	questions: number;
	byKind: Record<string, number>;
	byLure: Record<string, number>;
}

/** Counts scenarios, verdicts, covered seed cases and generated questions. */
export function summarise(bank: Bank): BankSummary {
	const questions = generateQuestions(bank);
	const covered = new Set(
		bank.scenarios.filter((s) => s.verdict === 'scam' && s.case !== null).map((s) => s.case)
	);
	const count = <T>(items: readonly T[], key: (t: T) => string) =>
		items.reduce<Record<string, number>>((acc, t) => {
			acc[key(t)] = (acc[key(t)] ?? 0) + 1;
			return acc;
		}, {});
	return {
		scenarios: bank.scenarios.length,
		scam: bank.scenarios.filter((s) => s.verdict === 'scam').length,
		legitimate: bank.scenarios.filter((s) => s.verdict === 'legitimate').length,
		cases: bank.cases.length,
		casesCovered: bank.cases.filter((c) => covered.has(c.id)).length,
		questions: questions.length,
		byKind: count(questions, (q) => q.kind),
		byLure: count(bank.scenarios, (s) => s.lure)
	};
}

/** The figures the home page quotes: scenarios, scams, genuine look-alikes and the seed cases covered. */
export interface HomeFigures {
	scenarios: number;
	scam: number;
	legitimate: number;
	cases: number;
}

/** The home page's figures of a bank (see `HomeFigures`). */
export function homeFigures(bank: Bank): HomeFigures {
	const s = summarise(bank);
	return { scenarios: s.scenarios, scam: s.scam, legitimate: s.legitimate, cases: s.casesCovered };
}
