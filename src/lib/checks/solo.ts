/**
 * The solo "check yourself" programme, as pure rules over the attempt history: which checks were taken
 * (form and time), which check comes next and when it is due, which scenarios to keep out of drills so
 * that the next check meets them unseen, and the before → after comparison. Returns codes and numbers;
 * the check page words them.
 */
import { VERDICT_CHOICES } from '$lib/quiz/grade';
import type { Attempt } from '$lib/progress/attempts';
import {
	compareChecks,
	scoreCheck,
	type ChangeCode,
	type CheckAnswer,
	type CheckScores
} from './sdt';

import type { FormRef } from './hold';

export { heldScenarios, type FormRef } from './hold';

/**
 * Drills needed between two checks. Three is the fewest that is real practice (about 30 questions of quick
 * drills) while a learner who trains a little every day still gets the after-check within the week.
 */
export const MIN_DRILLS_BETWEEN = 3;
/** A drill counts once it has this many answers: half a quick drill, so a drill left at once does not. */
export const MIN_DRILL_ANSWERS = 5;
/**
 * Days between the before-check and the after-check: one night at least, so that the after-check shows
 * what stayed rather than what is still fresh from the same sitting.
 */
export const MIN_DAYS_AFTER = 1;
/** Days between later re-checks: a re-check asks whether it lasted, which a few days cannot show. */
export const MIN_DAYS_RECHECK = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One check taken: its form, when it ended, and its answers scored. */
export interface CheckRun {
	runId: string;
	form: string;
	/** When the first and the last answer were given (epoch ms). */
	startedAt: number;
	at: number;
	/** Answers given, and the form's size: a check left part-way is kept but never compared. */
	answered: number;
	size: number;
	complete: boolean;
	answers: CheckAnswer[];
}

/** The check answer an attempt stands for, or null when it is not a scoreable verdict answer. */
function checkAnswerOf(a: Attempt): CheckAnswer | null {
	const said = VERDICT_CHOICES[a.selection[0] ?? -1];
	if (a.kind !== 'verdict' || !a.verdict || !said) return null;
	return { truth: a.verdict, said, confidence: a.confidence };
}

/**
 * The checks in a history, oldest first. Attempts must be sorted oldest first (as `readHistory` gives
 * them). A run of a form the bank no longer has keeps the size of its answers.
 */
export function checkRuns(attempts: readonly Attempt[], forms: readonly FormRef[]): CheckRun[] {
	const runs = new Map<string, CheckRun>();
	for (const a of attempts) {
		if (a.mode !== 'check' || a.form === null) continue;
		const answer = checkAnswerOf(a);
		if (!answer) continue;
		let run = runs.get(a.runId);
		if (!run) {
			const size = forms.find((f) => f.id === a.form)?.scenarios.length ?? 0;
			run = {
				runId: a.runId,
				form: a.form,
				startedAt: a.at,
				at: a.at,
				answered: 0,
				size,
				complete: false,
				answers: []
			};
			runs.set(a.runId, run);
		}
		run.answers.push(answer);
		run.answered = run.answers.length;
		run.at = Math.max(run.at, a.at);
		run.complete = run.answered >= run.size;
	}
	return [...runs.values()].sort((a, b) => a.at - b.at);
}

/** Drills (and reviews) with at least MIN_DRILL_ANSWERS answers whose first answer came after `since`. */
export function drillsSince(attempts: readonly Attempt[], since: number): number {
	const runs = new Map<string, { first: number; n: number }>();
	for (const a of attempts) {
		if (a.mode !== 'drill' && a.mode !== 'review') continue;
		const run = runs.get(a.runId) ?? { first: a.at, n: 0 };
		run.first = Math.min(run.first, a.at);
		run.n += 1;
		runs.set(a.runId, run);
	}
	return [...runs.values()].filter((r) => r.first > since && r.n >= MIN_DRILL_ANSWERS).length;
}

/**
 * Which check a learner takes next: `before` (no check yet), `after` (the first check after training) or
 * `recheck` (every later one, alternating forms so that each meets its scenarios as rarely as possible).
 */
export type CheckRole = 'before' | 'after' | 'recheck';

export interface NextCheck {
	form: string;
	role: CheckRole;
	/** True once the rules say it is time; a learner may still take it sooner. */
	due: boolean;
	/** Drills still to do before it is due (0 when enough). */
	drillsLeft: number;
	/** When the waiting time is over (epoch ms); null for the before-check. */
	dueFrom: number | null;
}

/**
 * The next check. Before any check: the first form, due only while the learner has not drilled yet (its
 * point is to measure the start). After that: the first form never taken, else the one taken longest ago,
 * due after MIN_DRILLS_BETWEEN drills and a waiting time since the last check. Null when the bank has
 * fewer than two forms (nothing to compare).
 */
export function nextCheck(
	forms: readonly FormRef[],
	attempts: readonly Attempt[],
	now: number
): NextCheck | null {
	if (forms.length < 2) return null;
	const runs = checkRuns(attempts, forms).filter((r) => r.complete);
	const last = runs.at(-1);
	if (!last) {
		const drilled = drillsSince(attempts, -1) > 0;
		return { form: forms[0]!.id, role: 'before', due: !drilled, drillsLeft: 0, dueFrom: null };
	}
	const lastTaken = new Map<string, number>();
	for (const r of runs) lastTaken.set(r.form, r.at);
	const untaken = forms.find((f) => !lastTaken.has(f.id));
	const form =
		untaken?.id ??
		[...forms]
			.filter((f) => f.id !== last.form)
			.sort((a, b) => (lastTaken.get(a.id) ?? 0) - (lastTaken.get(b.id) ?? 0))[0]!.id;
	const role: CheckRole = runs.length === 1 ? 'after' : 'recheck';
	const dueFrom = last.at + (role === 'after' ? MIN_DAYS_AFTER : MIN_DAYS_RECHECK) * DAY_MS;
	const drillsLeft = Math.max(0, MIN_DRILLS_BETWEEN - drillsSince(attempts, last.at));
	return { form, role, due: drillsLeft === 0 && now >= dueFrom, drillsLeft, dueFrom };
}

/** One check scored, for the results page. */
export interface ScoredRun {
	run: CheckRun;
	scores: CheckScores;
}

/** The before → after comparison: the first complete check against the latest one. */
export interface Progress {
	before: ScoredRun;
	after: ScoredRun;
	change: ChangeCode;
	/** How calibration moved: the Brier score fell (better), rose (worse), or too little to tell. */
	calibration: 'better' | 'worse' | 'same' | 'too-few';
}

/** Fewer answers than this in either check: too few to say whether calibration moved. */
export const MIN_CALIBRATION_ANSWERS = 8;
/** Brier scores closer than this are "about the same": a single changed answer moves it about 0.03. */
export const BRIER_SAME = 0.05;

/** Compares the first complete check with the latest; null with fewer than two complete checks. */
export function compareRuns(runs: readonly CheckRun[]): Progress | null {
	const complete = runs.filter((r) => r.complete);
	if (complete.length < 2) return null;
	const before = { run: complete[0]!, scores: scoreCheck(complete[0]!.answers) };
	const last = complete.at(-1)!;
	const after = { run: last, scores: scoreCheck(last.answers) };
	const b = before.scores.calibration.brier;
	const a = after.scores.calibration.brier;
	const calibration =
		b === null ||
		a === null ||
		before.run.answered < MIN_CALIBRATION_ANSWERS ||
		after.run.answered < MIN_CALIBRATION_ANSWERS
			? 'too-few'
			: Math.abs(a - b) < BRIER_SAME
				? 'same'
				: a < b
					? 'better'
					: 'worse';
	return { before, after, change: compareChecks(before.scores, after.scores), calibration };
}
