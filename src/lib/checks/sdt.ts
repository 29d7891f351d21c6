/**
 * Scores for a before/after check, from signal detection theory. A check is a deck of "scam or genuine?"
 * questions: scams are the signal, genuine look-alikes the noise. Two numbers separate what training should
 * change from what it should not:
 * - discrimination d′ = z(H) − z(F): how well scams are told apart from the real thing;
 * - response bias c = −(z(H) + z(F)) / 2: the lean towards calling things scams (negative) or genuine
 *   (positive), whatever the skill. A drill that only makes people suspicious of everything moves c, not d′.
 * Calibration compares the confidence given with each answer to how often it was right.
 *
 * Pure and small on purpose: every figure here has a known-answer test. The UI turns the codes returned
 * by `compareChecks` into words.
 */
import { probit } from 'simple-statistics';

/** One answer to a check question. */
export interface CheckAnswer {
	/** What the scenario really is. */
	truth: 'scam' | 'legitimate';
	/** What the learner said. */
	said: 'scam' | 'legitimate';
	confidence: 'sure' | 'unsure';
}

/** The four cells of a yes/no table, with "scam" as the answer looked for. */
export interface Counts {
	hits: number;
	misses: number;
	falseAlarms: number;
	correctRejections: number;
}

/** Below this many scams or genuine items, d′ and c are not reported: too few answers to tell. */
export const MIN_PER_CLASS = 4;

/** Probability of being right that each confidence level stands for, for the Brier score. */
export const CONFIDENCE_PROBABILITY = { sure: 0.9, unsure: 0.6 } as const;

/** Counts the yes/no table of a set of answers. */
export function countAnswers(answers: readonly CheckAnswer[]): Counts {
	const c: Counts = { hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 };
	for (const a of answers) {
		if (a.truth === 'scam') c[a.said === 'scam' ? 'hits' : 'misses'] += 1;
		else c[a.said === 'scam' ? 'falseAlarms' : 'correctRejections'] += 1;
	}
	return c;
}

/**
 * A rate with the standard correction for 0 and 1 (Macmillan & Kaplan, 1985): a rate of 0 becomes
 * 1/(2N) and a rate of 1 becomes 1 − 1/(2N), so that z stays finite. Null with no items.
 */
export function correctedRate(k: number, n: number): number | null {
	if (n <= 0) return null;
	if (k <= 0) return 1 / (2 * n);
	if (k >= n) return 1 - 1 / (2 * n);
	return k / n;
}

/** A figure with a 95% interval around it. */
export interface Estimate {
	value: number;
	low: number;
	high: number;
}

/** Signal-detection scores of one check; `null` figures mean too few answers to tell. */
export interface CheckScores {
	counts: Counts;
	/** Hit rate (scams called scams) and false-alarm rate (genuine called scam), as answered. */
	hitRate: Estimate | null;
	falseAlarmRate: Estimate | null;
	dPrime: Estimate | null;
	c: Estimate | null;
	calibration: Calibration;
}

/** Calibration: how often "sure" and "not sure" answers were right, and the Brier score. */
export interface Calibration {
	sure: { right: number; total: number };
	unsure: { right: number; total: number };
	/** Mean squared gap between stated confidence and the outcome (0 is perfect; lower is better). */
	brier: number | null;
}

const Z95 = 1.959964;

/** Wilson's 95% interval for a proportion: honest at small counts and at 0 or 1. */
export function wilson(k: number, n: number): Estimate | null {
	if (n <= 0) return null;
	const p = k / n;
	const z2 = Z95 * Z95;
	const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
	return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Standard normal density. */
function phi(z: number): number {
	return Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
}

/** Scores one check. */
export function scoreCheck(answers: readonly CheckAnswer[]): CheckScores {
	const counts = countAnswers(answers);
	const nScam = counts.hits + counts.misses;
	const nGenuine = counts.falseAlarms + counts.correctRejections;
	const enough = nScam >= MIN_PER_CLASS && nGenuine >= MIN_PER_CLASS;
	let dPrime: Estimate | null = null;
	let c: Estimate | null = null;
	if (enough) {
		const h = correctedRate(counts.hits, nScam)!;
		const f = correctedRate(counts.falseAlarms, nGenuine)!;
		const zh = probit(h);
		const zf = probit(f);
		// Gourevitch & Galanter (1967): the variance of z(p) is p(1 − p) / (N φ(z)²).
		const varH = (h * (1 - h)) / (nScam * phi(zh) ** 2);
		const varF = (f * (1 - f)) / (nGenuine * phi(zf) ** 2);
		const d = zh - zf;
		const sdD = Math.sqrt(varH + varF);
		dPrime = { value: d, low: d - Z95 * sdD, high: d + Z95 * sdD };
		const bias = -(zh + zf) / 2;
		const sdC = sdD / 2;
		c = { value: bias, low: bias - Z95 * sdC, high: bias + Z95 * sdC };
	}
	return {
		counts,
		hitRate: wilson(counts.hits, nScam),
		falseAlarmRate: wilson(counts.falseAlarms, nGenuine),
		dPrime,
		c,
		calibration: calibrate(answers)
	};
}

/** Calibration of a set of answers. */
export function calibrate(answers: readonly CheckAnswer[]): Calibration {
	const out: Calibration = {
		sure: { right: 0, total: 0 },
		unsure: { right: 0, total: 0 },
		brier: null
	};
	let sum = 0;
	for (const a of answers) {
		const right = a.said === a.truth;
		const cell = out[a.confidence];
		cell.total += 1;
		if (right) cell.right += 1;
		sum += (CONFIDENCE_PROBABILITY[a.confidence] - (right ? 1 : 0)) ** 2;
	}
	if (answers.length > 0) out.brier = sum / answers.length;
	return out;
}

/**
 * What changed between two checks, as a code for the UI:
 * - `too-few`: either check has too few scams or genuine items to tell;
 * - `sharper`: d′ rose and its intervals do not overlap — better at telling the two apart;
 * - `duller`: d′ fell, likewise;
 * - `more-suspicious` / `more-trusting`: d′ did not clearly move, but c did (more "scam" answers, or fewer);
 * - `no-clear-change`: neither moved beyond the noise of this many answers.
 */
export type ChangeCode =
	'too-few' | 'sharper' | 'duller' | 'more-suspicious' | 'more-trusting' | 'no-clear-change';

/** Two intervals that do not overlap: a conservative sign that a change is more than noise. */
function apart(a: Estimate, b: Estimate): boolean {
	return a.high < b.low || b.high < a.low;
}

/** Compares a check taken before training with one taken after. */
export function compareChecks(before: CheckScores, after: CheckScores): ChangeCode {
	if (!before.dPrime || !after.dPrime || !before.c || !after.c) return 'too-few';
	if (apart(before.dPrime, after.dPrime))
		return after.dPrime.value > before.dPrime.value ? 'sharper' : 'duller';
	if (apart(before.c, after.c))
		return after.c.value < before.c.value ? 'more-suspicious' : 'more-trusting';
	return 'no-clear-change';
}
