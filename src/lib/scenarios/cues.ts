/**
 * The cue audit: strategies that answer without reading the script (pick the longest option, the option with
 * the most careful-sounding words, always "scam", "genuine" when the script vouches for itself, tick every
 * message, always the same message position), scored over the generated questions against chance. A bank
 * such strategies can beat trains test-wiseness, not the recognition of a lure, so the checker fails it.
 *
 * Every strategy is a small pure function that picks by content (option text, step numbers), never by the
 * position an option is shown in, so the same functions also drive simulated learners through the quiz.
 * A strategy returns its candidates: the choices it likes equally; a tie is broken at random, so the audit
 * counts a question as right with probability (right candidates / candidates).
 */
import type {
	DecideQuestion,
	FlagsQuestion,
	Question,
	QuestionKind,
	StopQuestion,
	VerdictQuestion
} from './generate';
import type { Bank, CueLists, DrillScenario, Verdict } from './schema';

/** The two languages every text is written in; cue strategies read one of them, as a learner does. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The audit's limits, in percentage points (issue: "a scenario bank that trains discrimination"). A
 * strategy passes when its score is at most its limit; `margin` limits are chance plus the margin,
 * `max` limits are absolute.
 */
export const CUE_LIMITS = {
	longestOption: { margin: 10 },
	/** The reverse cues: a bank that overcorrects (the safe option always shortest) is beaten the other way. */
	shortestOption: { margin: 10 },
	actionWords: { margin: 10 },
	fewestActionWords: { margin: 10 },
	alwaysScam: { max: 60 },
	selfCertifying: { margin: 10 },
	/** "Scam when the script vouches for itself": the reverse of the line above. */
	selfCertifyingScam: { margin: 10 },
	/**
	 * "Scam when the script is long": the best length threshold, fitted on the bank itself, so it gets a
	 * wider margin than a fixed strategy (a fitted threshold beats chance a little even on matched banks).
	 */
	longScript: { margin: 15 },
	tickEvery: { max: 10 },
	stopPosition: { margin: 15 }
} as const;

/** Length of a text as a reader sees it: characters (code points), not UTF-16 units. */
export function textLength(text: string): number {
	return [...text].length;
}

/** Indices of the items with the highest score (every index when all tie). */
function best(scores: readonly number[]): number[] {
	const top = Math.max(...scores);
	return scores.flatMap((s, i) => (s === top ? [i] : []));
}

/** Indices of the items with the lowest score (every index when all tie). */
function worst(scores: readonly number[]): number[] {
	return best(scores.map((x) => -x));
}

/** "Pick the shortest option": the options whose text in `lang` is shortest. */
export function shortestOption(q: DecideQuestion, lang: Lang): number[] {
	return worst(q.options.map((o) => textLength(o.text[lang])));
}

/** "Pick the longest option": the options whose text in `lang` is longest. */
export function longestOption(q: DecideQuestion, lang: Lang): number[] {
	return best(q.options.map((o) => textLength(o.text[lang])));
}

/** How many times the words of `words` occur in `text` (case-insensitive for English). */
export function countPhrases(text: string, words: readonly string[], lang: Lang): number {
	const hay = lang === 'en' ? text.toLowerCase() : text;
	let n = 0;
	for (const word of words) {
		const needle = lang === 'en' ? word.toLowerCase() : word;
		if (!needle) continue;
		for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) n++;
	}
	return n;
}

/** "Pick the option with the most action words": the options with the most careful-sounding words. */
export function mostActionWords(q: DecideQuestion, lang: Lang, cues: CueLists): number[] {
	return best(q.options.map((o) => countPhrases(o.text[lang], cues.action_words[lang], lang)));
}

/** "Pick the option with the fewest action words": the plainest-sounding options. */
export function fewestActionWords(q: DecideQuestion, lang: Lang, cues: CueLists): number[] {
	return worst(q.options.map((o) => countPhrases(o.text[lang], cues.action_words[lang], lang)));
}

/** "Always answer scam." */
export function alwaysScam(): Verdict {
	return 'scam';
}

/** The script a learner has seen for a question, in one language: each visible step's speaker and text. */
export function visibleScript(s: DrillScenario, visibleSteps: number, lang: Lang): string {
	return s.steps
		.slice(0, visibleSteps)
		.map((step) => `${step.speaker ? step.speaker[lang] : ''}\n${step.text[lang]}`)
		.join('\n');
}

/** "Genuine when the script vouches for itself": legitimate if any self-certifying phrase appears. */
export function selfCertifyingVerdict(script: string, lang: Lang, cues: CueLists): Verdict {
	return countPhrases(script, cues.self_certifying[lang], lang) > 0 ? 'legitimate' : 'scam';
}

/** "Scam when the script vouches for itself": the reverse reading of the same phrases. */
export function selfCertifyingScam(script: string, lang: Lang, cues: CueLists): Verdict {
	return selfCertifyingVerdict(script, lang, cues) === 'legitimate' ? 'scam' : 'legitimate';
}

/** How long a script looks: its steps, or its characters in one language. */
export type LengthMeasure = 'steps' | Lang;

/** The length of the script a verdict question shows, by one measure. */
export function scriptLength(
	s: DrillScenario,
	visibleSteps: number,
	measure: LengthMeasure
): number {
	const steps = s.steps.slice(0, visibleSteps);
	return measure === 'steps'
		? steps.length
		: steps.reduce((n, step) => n + textLength(step.text[measure]), 0);
}

/**
 * "Scam when the script is long" (or short), with the threshold and direction that score best on these
 * lengths: the strongest length rule a learner could settle on after seeing the bank. Returns the answers.
 */
export function lengthRule(items: readonly { length: number; answer: Verdict }[]): {
	threshold: number;
	longIsScam: boolean;
	answers: Verdict[];
} {
	let top = { right: -1, threshold: 0, longIsScam: true };
	for (const { length: threshold } of items)
		for (const longIsScam of [true, false]) {
			const right = items.filter(
				(i) => (i.length >= threshold === longIsScam ? 'scam' : 'legitimate') === i.answer
			).length;
			if (right > top.right) top = { right, threshold, longIsScam };
		}
	const answers = items.map((i): Verdict =>
		i.length >= top.threshold === top.longIsScam ? 'scam' : 'legitimate'
	);
	return { threshold: top.threshold, longIsScam: top.longIsScam, answers };
}

/** "Tick every message": every step the question offers. */
export function tickEvery(q: FlagsQuestion): number[] {
	return [...q.choices];
}

/** A fixed position among a question's choices: 1-based, or the last. */
export type Position = number | 'last';

/** "Always the k-th message": the step at that position among the choices, or the last when there are fewer. */
export function stopAt(q: StopQuestion, position: Position): number | undefined {
	const k = position === 'last' ? q.choices.length : Math.min(position, q.choices.length);
	return q.choices[k - 1];
}

/** The result of one strategy over a bank. Percentages are 0–100. */
export interface CueScore {
	/** Stable id, e.g. `longest-option-zh`. */
	id: string;
	kind: QuestionKind;
	/** Questions of that kind in the bank. */
	questions: number;
	score: number;
	chance: number;
	limit: number;
	pass: boolean;
	/** Ids of the questions the strategy gets right (in a tie: can get right). */
	right: string[];
	/** For the stop strategy: the position that scores best. */
	position?: Position;
}

/** A strategy's success probability and chance on one question. */
interface Outcome {
	id: string;
	p: number;
	chance: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function score(
	id: string,
	kind: QuestionKind,
	outcomes: readonly Outcome[],
	limit: (chance: number) => number
): CueScore {
	const n = outcomes.length;
	const raw = n ? (100 * outcomes.reduce((s, o) => s + o.p, 0)) / n : 0;
	const chance = n ? (100 * outcomes.reduce((s, o) => s + o.chance, 0)) / n : 0;
	const lim = limit(chance);
	return {
		id,
		kind,
		questions: n,
		score: round1(raw),
		chance: round1(chance),
		limit: round1(lim),
		// A bank with no question of the kind gives the strategy nothing to beat.
		pass: n === 0 || raw <= lim + 1e-9,
		right: outcomes.filter((o) => o.p > 0).map((o) => o.id)
	};
}

/** Share of `candidates` that are right. */
function share(candidates: readonly number[], right: (i: number) => boolean): number {
	return candidates.length ? candidates.filter(right).length / candidates.length : 0;
}

/** Chance of a random pick on a decide question: safe options over options. */
function decideChance(q: DecideQuestion): number {
	return q.options.filter((o) => o.safe).length / q.options.length;
}

/**
 * Runs every strategy over a bank's generated questions. Returns one score per strategy, in a fixed order;
 * for the stop strategy, the best of every fixed position.
 */
export function auditCues(bank: Bank, questions: readonly Question[], cues: CueLists): CueScore[] {
	const scenario = new Map(bank.scenarios.map((s) => [s.id, s]));
	const decide = questions.filter((q): q is DecideQuestion => q.kind === 'decide');
	const verdict = questions.filter((q): q is VerdictQuestion => q.kind === 'verdict');
	const flags = questions.filter((q): q is FlagsQuestion => q.kind === 'flags');
	const stop = questions.filter((q): q is StopQuestion => q.kind === 'stop');
	const out: CueScore[] = [];
	const margin = (m: number) => (chance: number) => chance + m;

	// Option strategies: each picks candidates by content in one language; right when a candidate is safe.
	const optionStrategies: [string, (q: DecideQuestion, lang: Lang) => number[], number][] = [
		['longest-option', longestOption, CUE_LIMITS.longestOption.margin],
		['shortest-option', shortestOption, CUE_LIMITS.shortestOption.margin],
		[
			'fewest-action-words',
			(q, lang) => fewestActionWords(q, lang, cues),
			CUE_LIMITS.fewestActionWords.margin
		],
		['action-words', (q, lang) => mostActionWords(q, lang, cues), CUE_LIMITS.actionWords.margin]
	];
	for (const [id, pick, m] of optionStrategies)
		for (const lang of LANGS)
			out.push(
				score(
					`${id}-${lang}`,
					'decide',
					decide.map((q) => ({
						id: q.id,
						p: share(pick(q, lang), (i) => q.options[i]?.safe === true),
						chance: decideChance(q)
					})),
					margin(m)
				)
			);
	out.push(
		score(
			'always-scam',
			'verdict',
			verdict.map((q) => ({ id: q.id, p: alwaysScam() === q.answer ? 1 : 0, chance: 0.5 })),
			() => CUE_LIMITS.alwaysScam.max
		)
	);
	// Script strategies: a verdict from the words of the script seen, in one language.
	const scriptStrategies: [string, (script: string, lang: Lang) => Verdict][] = [
		['self-certifying', (script, lang) => selfCertifyingVerdict(script, lang, cues)],
		['self-certifying-scam', (script, lang) => selfCertifyingScam(script, lang, cues)]
	];
	for (const [id, answer] of scriptStrategies)
		for (const lang of LANGS)
			out.push(
				score(
					`${id}-${lang}`,
					'verdict',
					verdict.map((q) => {
						const s = scenario.get(q.scenarioId);
						const script = s ? visibleScript(s, q.visibleSteps, lang) : '';
						return { id: q.id, p: answer(script, lang) === q.answer ? 1 : 0, chance: 0.5 };
					}),
					margin(CUE_LIMITS.selfCertifying.margin)
				)
			);
	for (const measure of ['steps', ...LANGS] as const) {
		const items = verdict.map((q) => {
			const s = scenario.get(q.scenarioId);
			return { length: s ? scriptLength(s, q.visibleSteps, measure) : 0, answer: q.answer };
		});
		const rule = lengthRule(items);
		out.push(
			score(
				`long-script-${measure}`,
				'verdict',
				verdict.map((q, i) => ({ id: q.id, p: rule.answers[i] === q.answer ? 1 : 0, chance: 0.5 })),
				margin(CUE_LIMITS.longScript.margin)
			)
		);
	}
	out.push(
		score(
			'tick-every-message',
			'flags',
			flags.map((q) => {
				const ticked = new Set(tickEvery(q));
				const answer = new Set(q.answer);
				const exact = ticked.size === answer.size && [...answer].every((i) => ticked.has(i));
				return { id: q.id, p: exact ? 1 : 0, chance: 1 / (2 ** q.choices.length - 1) };
			}),
			() => CUE_LIMITS.tickEvery.max
		)
	);
	const longest = Math.max(0, ...stop.map((q) => q.choices.length));
	// "Last" comes first so that it names a tie with the position it coincides with.
	const positions: Position[] = ['last', ...Array.from({ length: longest }, (_, i) => i + 1)];
	const byPosition = positions.map((position) => ({
		...score(
			'stop-same-position',
			'stop',
			stop.map((q) => ({
				id: q.id,
				p: stopAt(q, position) === q.answer ? 1 : 0,
				chance: 1 / q.choices.length
			})),
			margin(CUE_LIMITS.stopPosition.margin)
		),
		position
	}));
	// The best position is the one a test-wise learner would settle on; a tie goes to the one listed first.
	const top = byPosition.reduce<CueScore | undefined>(
		(a, b) => (a === undefined || b.score > a.score ? b : a),
		undefined
	);
	if (top) out.push(top);
	return out;
}

/** A strategy's plain-language name, for the checker's messages and the bench's table. */
export function strategyName(s: Pick<CueScore, 'id' | 'position'>): string {
	const lang = (id: string) => (id.endsWith('-zh') ? 'Chinese' : 'English');
	if (s.id.startsWith('longest-option')) return `pick the longest option (${lang(s.id)})`;
	if (s.id.startsWith('action-words')) return `pick the most action words (${lang(s.id)})`;
	if (s.id.startsWith('shortest-option')) return `pick the shortest option (${lang(s.id)})`;
	if (s.id.startsWith('fewest-action-words')) return `pick the fewest action words (${lang(s.id)})`;
	if (s.id.startsWith('self-certifying-scam'))
		return `verdict: "scam" when the script vouches for itself (${lang(s.id)})`;
	if (s.id === 'long-script-steps') return 'verdict: by script length (steps)';
	if (s.id.startsWith('long-script'))
		return `verdict: by script length (${s.id.endsWith('-zh') ? 'Chinese' : 'English'} characters)`;
	if (s.id === 'always-scam') return 'verdict: always "scam"';
	if (s.id.startsWith('self-certifying'))
		return `verdict: "genuine" when the script vouches for itself (${lang(s.id)})`;
	if (s.id === 'tick-every-message') return 'flags: tick every message';
	if (s.id === 'stop-same-position')
		return `stop: always the ${s.position === 'last' ? 'last' : ordinal(s.position ?? 1)} message`;
	return s.id;
}

function ordinal(n: number): string {
	const tens = n % 100;
	if (tens >= 11 && tens <= 13) return `${n}th`;
	return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Describes a strategy's limit in words: `chance 38.0% + 10 points` or `at most 60%`. */
export function limitText(s: CueScore): string {
	const margin =
		s.id === 'always-scam' || s.id === 'tick-every-message' ? null : round1(s.limit - s.chance);
	return margin === null ? `at most ${s.limit}%` : `chance ${s.chance}% + ${margin} points`;
}
