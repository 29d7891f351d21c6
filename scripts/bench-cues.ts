/**
 * Simulated learners: each cue strategy of the checker's audit, and a learner who picks at random, take the
 * whole bank as a drill through the real quiz machine, sending the events the trainer's UI sends (show the
 * script, select or toggle a choice, submit, next). Options are shown in the drill's shuffled order; the
 * strategies pick by content, never by position, and a tie is broken at random.
 *
 * Run alone with `tsx scripts/bench-cues.ts [dir]`, or as part of `npm run bench` (`-- --cues-only` runs
 * only this part).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { createActor } from 'xstate';
import {
	alwaysScam,
	auditCues,
	fewestActionWords,
	LANGS,
	lengthRule,
	longestOption,
	mostActionWords,
	scriptLength,
	selfCertifyingScam,
	selfCertifyingVerdict,
	shortestOption,
	stopAt,
	strategyName,
	tickEvery,
	visibleScript,
	type LengthMeasure,
	type Position
} from '../src/lib/scenarios/cues';
import { DRAFT_RULES } from '../src/lib/scenarios/check';
import { loadBankFromDisk } from '../src/lib/scenarios/disk';
import type { Question, QuestionKind } from '../src/lib/scenarios/generate';
import {
	CueListsSchema,
	type Bank,
	type CueLists,
	type DrillScenario
} from '../src/lib/scenarios/schema';
import { makeCatalog } from '../src/lib/quiz/catalog';
import { VERDICT_CHOICES } from '../src/lib/quiz/grade';
import { createQuizMachine } from '../src/lib/quiz/machine';
import { shownChoices } from '../src/lib/quiz/order';
import { seededRandom } from '../src/lib/quiz/random';

/** A learner answers one question: the authored indices it selects, given the choices in shown order. */
type Answerer = (
	q: Question,
	s: DrillScenario,
	shown: readonly number[],
	random: () => number
) => number[];

/** A simulated learner: which kind of question it has a strategy for, and how it answers. */
export interface Learner {
	id: string;
	name: string;
	/** The kind it is scored on; null for the random learner, scored on every kind. */
	kind: QuestionKind | null;
	/** For the stop strategy: the position it always picks. */
	position?: Position;
	answer: Answerer;
}

/** One of `items`, at random. */
function oneOf<T>(items: readonly T[], random: () => number): T {
	return items[Math.floor(random() * items.length)] as T;
}

/** Picks among equally liked choices at random, in the shown order. */
function amongShown(candidates: readonly number[], shown: readonly number[], random: () => number) {
	const liked = shown.filter((c) => candidates.includes(c));
	return [oneOf(liked.length ? liked : shown, random)];
}

/** The random learner: one shown choice, or (spot the flags) any non-empty set of messages. */
export const randomAnswer: Answerer = (q, _s, shown, random) => {
	if (q.kind !== 'flags') return [oneOf(shown, random)];
	for (;;) {
		const picked = shown.filter(() => random() < 0.5);
		if (picked.length > 0) return picked;
	}
};

const verdictChoice = (verdict: 'scam' | 'legitimate') => [VERDICT_CHOICES.indexOf(verdict)];

/** A length rule as a learner settles on it: "scam" at or past the threshold (or below it). */
type LengthRule = { threshold: number; longIsScam: boolean };

/** Every cue strategy of the audit as a learner, plus the random learner. */
export function learners(
	cues: CueLists,
	positions: readonly Position[],
	lengthRules: Record<LengthMeasure, LengthRule>
): Learner[] {
	const out: Learner[] = [
		{ id: 'random', name: 'random learner', kind: null, answer: randomAnswer }
	];
	const add = (id: string, kind: QuestionKind, answer: Answerer, position?: Position) =>
		out.push({ id, name: strategyName({ id, position }), kind, answer, position });
	for (const lang of LANGS)
		add(`longest-option-${lang}`, 'decide', (q, _s, shown, random) =>
			q.kind === 'decide' ? amongShown(longestOption(q, lang), shown, random) : []
		);
	for (const lang of LANGS)
		add(`shortest-option-${lang}`, 'decide', (q, _s, shown, random) =>
			q.kind === 'decide' ? amongShown(shortestOption(q, lang), shown, random) : []
		);
	for (const lang of LANGS)
		add(`fewest-action-words-${lang}`, 'decide', (q, _s, shown, random) =>
			q.kind === 'decide' ? amongShown(fewestActionWords(q, lang, cues), shown, random) : []
		);
	for (const lang of LANGS)
		add(`action-words-${lang}`, 'decide', (q, _s, shown, random) =>
			q.kind === 'decide' ? amongShown(mostActionWords(q, lang, cues), shown, random) : []
		);
	add('always-scam', 'verdict', () => verdictChoice(alwaysScam()));
	for (const lang of LANGS)
		add(`self-certifying-${lang}`, 'verdict', (q, s) =>
			verdictChoice(selfCertifyingVerdict(visibleScript(s, q.visibleSteps, lang), lang, cues))
		);
	for (const lang of LANGS)
		add(`self-certifying-scam-${lang}`, 'verdict', (q, s) =>
			verdictChoice(selfCertifyingScam(visibleScript(s, q.visibleSteps, lang), lang, cues))
		);
	for (const measure of ['steps', ...LANGS] as const) {
		const rule = lengthRules[measure];
		add(`long-script-${measure}`, 'verdict', (q, s) =>
			verdictChoice(
				scriptLength(s, q.visibleSteps, measure) >= rule.threshold === rule.longIsScam
					? 'scam'
					: 'legitimate'
			)
		);
	}
	add('tick-every-message', 'flags', (q) => (q.kind === 'flags' ? tickEvery(q) : []));
	for (const position of positions)
		add(
			'stop-same-position',
			'stop',
			(q, _s, shown, random) => {
				const pick = q.kind === 'stop' ? stopAt(q, position) : undefined;
				return pick === undefined ? [oneOf(shown, random)] : [pick];
			},
			position
		);
	return out;
}

/** Right answers and questions, per kind, over every drill a learner took. */
type Tally = Record<QuestionKind, { right: number; asked: number }>;

function emptyTally(): Tally {
	return {
		decide: { right: 0, asked: 0 },
		verdict: { right: 0, asked: 0 },
		flags: { right: 0, asked: 0 },
		stop: { right: 0, asked: 0 }
	};
}

/**
 * Takes the whole bank as one drill with `seed`, through the real quiz machine, answering as `learner`
 * (other kinds than its own at random). Returns its tally per kind.
 */
export function takeDrill(bank: Bank, learner: Learner, seed: number, tally = emptyTally()): Tally {
	const catalog = makeCatalog(bank);
	const actor = createActor(createQuizMachine(catalog)).start();
	const random = seededRandom(seed ^ 0x5bd1e995);
	let at = 1;
	actor.send({ type: 'user.start', deck: { kind: 'full' }, seed, at: at++ });
	for (let guard = 0; guard < 100_000; guard++) {
		const snap = actor.getSnapshot();
		if (snap.matches('results') || snap.matches('idle')) break;
		if (snap.matches({ playing: 'presenting' })) {
			actor.send({ type: 'user.showAll', at: at++ });
			continue;
		}
		if (snap.matches({ playing: 'feedback' })) {
			actor.send({ type: 'user.next', at: at++ });
			continue;
		}
		const c = snap.context;
		const q = catalog.question.get(c.questionIds[c.index] ?? '');
		const s = q && catalog.scenario.get(q.scenarioId);
		if (!q || !s) throw new Error(`no question at ${c.index}`);
		const shown = shownChoices(q, c.seed);
		const own = learner.kind === null || learner.kind === q.kind;
		const selection = (own ? learner.answer : randomAnswer)(q, s, shown, random);
		for (const index of selection)
			actor.send(
				q.kind === 'flags' ? { type: 'user.toggle', index } : { type: 'user.select', index }
			);
		actor.send({ type: 'user.submit', confidence: 'sure', at: at++ });
		if (!actor.getSnapshot().matches({ playing: 'feedback' }))
			throw new Error(`the machine refused ${learner.id}'s answer to ${q.id}`);
	}
	for (const answer of actor.getSnapshot().context.answers) {
		tally[answer.kind].asked++;
		if (answer.correct) tally[answer.kind].right++;
	}
	actor.stop();
	return tally;
}

/** One row of the bench: a strategy's score beside the random learner's, on the strategy's kind. */
export interface CueBenchRow {
	id: string;
	name: string;
	kind: QuestionKind;
	/** Questions of that kind answered over all drills. */
	answered: number;
	/** Percentages, one decimal. */
	score: number;
	random: number;
	/** The checker's audit figure for the same strategy (expected value over ties). */
	audit: number | null;
	limit: number | null;
}

const pct = (right: number, asked: number) => (asked ? Math.round((1000 * right) / asked) / 10 : 0);

/** Runs every learner over `drills` drills of the whole bank (seeds 1 … drills). */
export function benchCues(bank: Bank, cues: CueLists, drills = 5): CueBenchRow[] {
	const catalog = makeCatalog(bank);
	const audit = auditCues(bank, catalog.questions, cues);
	// The length rules are fitted on the bank, as the audit fits them: the rule a learner would settle on.
	const verdicts = catalog.questions.filter((q) => q.kind === 'verdict');
	const fit = (measure: LengthMeasure) =>
		lengthRule(
			verdicts.map((q) => {
				const s = catalog.scenario.get(q.scenarioId);
				return {
					length: s ? scriptLength(s, q.visibleSteps, measure) : 0,
					answer: s?.verdict ?? 'scam'
				};
			})
		);
	const lengthRules = { steps: fit('steps'), zh: fit('zh'), en: fit('en') };
	const stop = audit.find((a) => a.id === 'stop-same-position');
	// The audit's best position, and the first and the last: the ones a test-wise learner tries.
	const positions = [...new Set<Position>([1, stop?.position ?? 1, 'last'])];
	const all = learners(cues, positions, lengthRules);
	const tallies = all.map((learner) => {
		const tally = emptyTally();
		for (let seed = 1; seed <= drills; seed++) takeDrill(bank, learner, seed, tally);
		return { learner, tally };
	});
	const random = tallies[0]?.tally ?? emptyTally();
	const stops = catalog.questions.filter((q) => q.kind === 'stop');
	// The audit scores only the best position; the others are scored here the same way.
	const expected = (learner: Learner): number | null =>
		learner.position === undefined
			? (audit.find((a) => a.id === learner.id)?.score ?? null)
			: pct(
					stops.filter((q) => q.kind === 'stop' && stopAt(q, learner.position ?? 1) === q.answer)
						.length,
					stops.length
				);
	return tallies.slice(1).map(({ learner, tally }) => {
		const kind = learner.kind ?? 'decide';
		return {
			id: learner.id,
			name: learner.name,
			kind,
			answered: tally[kind].asked,
			score: pct(tally[kind].right, tally[kind].asked),
			random: pct(random[kind].right, random[kind].asked),
			audit: expected(learner),
			limit: audit.find((a) => a.id === learner.id)?.limit ?? null
		};
	});
}

/** The bench's table, as printed. */
export function cueBenchLines(rows: readonly CueBenchRow[], drills: number): string[] {
	const width = Math.max(...rows.map((r) => r.name.length), 8);
	return [
		`simulated learners through the quiz machine (whole bank × ${drills} drills, options shuffled per drill):`,
		`  ${'strategy'.padEnd(width)}  answered  strategy  random learner  audit  limit`,
		...rows.map(
			(r) =>
				`  ${r.name.padEnd(width)}  ${String(r.answered).padStart(8)}  ${`${r.score}%`.padStart(8)}  ` +
				`${`${r.random}%`.padStart(14)}  ${(r.audit === null ? '—' : `${r.audit}%`).padStart(5)}  ` +
				`${r.limit === null ? '—' : `${r.limit}%`}`
		)
	];
}

/** Loads the bank under `dir` (valid files required; the audit's verdict is not) and its cue words. */
export function loadForBench(dir: string): { bank: Bank; cues: CueLists } {
	const result = loadBankFromDisk(dir, { rules: DRAFT_RULES });
	if (!result.bank)
		throw new Error(`The bank under ${dir}/ has invalid files: run npm run questions:check`);
	const cues = v.parse(CueListsSchema, parse(readFileSync(join(dir, 'cues.yaml'), 'utf8')));
	return { bank: result.bank, cues };
}

/** Prints the table for the bank under `dir`; returns its rows. */
export function runCueBench(dir = 'questions', drills = 5): CueBenchRow[] {
	const { bank, cues } = loadForBench(dir);
	const rows = benchCues(bank, cues, drills);
	console.log(cueBenchLines(rows, drills).join('\n'));
	return rows;
}

if (process.argv[1]?.endsWith('bench-cues.ts')) {
	runCueBench(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'questions');
}
