/**
 * A room's before → after: the checks a whole room took before and after a team session, summed up for
 * the team report. Two sources feed it:
 * - a live room, where each phone's answers are its own, so each player who took both checks has their own
 *   change in d′ (the distribution is shown, not only the mean);
 * - presenter mode, where hands are counted per option and nobody can be followed from one check to the
 *   other, so only the room's pooled rates compare.
 *
 * Pure and shared by server and browser: it returns numbers and `ChangeCode`s, the UI the words.
 */
import {
	compareChecks,
	scoreCheck,
	wilson,
	type Calibration,
	type ChangeCode,
	type CheckAnswer,
	type CheckScores,
	type Estimate
} from './sdt';

/** One check answer with the lure type of its scenario, for the per-lure rows. */
export interface LuredAnswer extends CheckAnswer {
	lure: string;
}

/** One player's two checks (null: not taken; an empty list counts as not taken too). */
export interface PlayerChecks {
	pre: readonly LuredAnswer[] | null;
	post: readonly LuredAnswer[] | null;
}

/** Fewer players with both checks scored than this, and the room's change is "too few to tell". */
export const MIN_PAIRED = 3;

/** What the room answered in one check, pooled over everyone who took it. */
export interface StageSummary {
	/** Players (or, in presenter mode, the most hands on one item) who answered at least one item. */
	players: number;
	answers: number;
	/** Answers to scam items (the rest were to legitimate ones). */
	scams: number;
	hitRate: Estimate | null;
	falseAlarmRate: Estimate | null;
	/** d′ and c of the pooled answers (null under the minimum per class). */
	dPrime: Estimate | null;
	c: Estimate | null;
	calibration: Calibration;
}

/** Share of right answers for one lure type, before and after. */
export interface LureChange {
	lure: string;
	pre: Estimate | null;
	preAnswers: number;
	post: Estimate | null;
	postAnswers: number;
}

/** The before → after of one room. */
export interface RoomCheckReport {
	/** `live`: players followed from one check to the other; `hands`: counted hands, pooled only. */
	source: 'live' | 'hands';
	/** Null when that check was not part of the session. */
	pre: StageSummary | null;
	post: StageSummary | null;
	/** Players who answered at least one item of both checks (live rooms; 0 with hands). */
	both: number;
	/** Per-player change in d′ (after − before), ascending: players who answered enough of both. */
	changes: number[];
	/** Per-player change in c (after − before), ascending (negative: more "scam" answers). */
	biasChanges: number[];
	/** Mean change in d′ and in c with a 95% interval; null under `MIN_PAIRED`. */
	meanChange: Estimate | null;
	meanBiasChange: Estimate | null;
	/** Players whose d′ rose, fell, or stayed within ±`SAME_BAND`. */
	rose: number;
	fell: number;
	same: number;
	/** What changed, as a code for the UI (`too-few` when it cannot be told). */
	verdict: ChangeCode;
	lures: LureChange[];
}

/** A change in d′ smaller than this either way counts as "about the same" for one player. */
export const SAME_BAND = 0.25;

// Two-sided 95% critical values of Student's t for 1–30 degrees of freedom; beyond, the normal's 1.96.
const T95 = [
	12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
	2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
	2.045, 2.042
];

/** Student's t for a 95% interval with `df` degrees of freedom. */
export function t95(df: number): number {
	return df >= 1 && df <= T95.length ? T95[df - 1]! : 1.96;
}

/** Mean of `xs` with a 95% t interval; null with fewer than `min` values. */
export function meanInterval(xs: readonly number[], min = MIN_PAIRED): Estimate | null {
	const n = xs.length;
	if (n < Math.max(2, min)) return null;
	const mean = xs.reduce((a, b) => a + b, 0) / n;
	const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
	const half = (t95(n - 1) * sd) / Math.sqrt(n);
	return { value: mean, low: mean - half, high: mean + half };
}

function summarise(answers: readonly CheckAnswer[], players: number): StageSummary {
	const s: CheckScores = scoreCheck(answers);
	return {
		players,
		answers: answers.length,
		scams: s.counts.hits + s.counts.misses,
		hitRate: s.hitRate,
		falseAlarmRate: s.falseAlarmRate,
		dPrime: s.dPrime,
		c: s.c,
		calibration: s.calibration
	};
}

function lureRows(pre: readonly LuredAnswer[], post: readonly LuredAnswer[]): LureChange[] {
	const tally = new Map<string, { pre: [number, number]; post: [number, number] }>();
	const add = (a: LuredAnswer, stage: 'pre' | 'post') => {
		const row = tally.get(a.lure) ?? { pre: [0, 0], post: [0, 0] };
		row[stage][1] += 1;
		if (a.said === a.truth) row[stage][0] += 1;
		tally.set(a.lure, row);
	};
	for (const a of pre) add(a, 'pre');
	for (const a of post) add(a, 'post');
	return [...tally]
		.map(([lure, r]) => ({
			lure,
			pre: wilson(r.pre[0], r.pre[1]),
			preAnswers: r.pre[1],
			post: wilson(r.post[0], r.post[1]),
			postAnswers: r.post[1]
		}))
		.sort((a, b) => (a.lure < b.lure ? -1 : a.lure > b.lure ? 1 : 0));
}

/**
 * The room's verdict from the players' own changes: d′ first (did they get better at telling the two
 * apart?), then c (did they only become more suspicious, or more trusting?). A mean change counts when its
 * 95% interval leaves out zero.
 */
export function pairedVerdict(d: Estimate | null, c: Estimate | null): ChangeCode {
	if (!d || !c) return 'too-few';
	if (d.low > 0) return 'sharper';
	if (d.high < 0) return 'duller';
	// c falls when people call more things scams.
	if (c.high < 0) return 'more-suspicious';
	if (c.low > 0) return 'more-trusting';
	return 'no-clear-change';
}

/**
 * Sums up a live room's checks. `stages` says which checks the session had, so a session without an
 * after-check reports `post: null` rather than an empty one.
 */
export function roomChecks(
	players: readonly PlayerChecks[],
	stages: { pre: boolean; post: boolean }
): RoomCheckReport {
	const pre: LuredAnswer[] = [];
	const post: LuredAnswer[] = [];
	let tookPre = 0;
	let tookPost = 0;
	let both = 0;
	const changes: number[] = [];
	const biasChanges: number[] = [];
	for (const p of players) {
		const a = p.pre ?? [];
		const b = p.post ?? [];
		pre.push(...a);
		post.push(...b);
		if (a.length > 0) tookPre++;
		if (b.length > 0) tookPost++;
		if (a.length === 0 || b.length === 0) continue;
		both++;
		const before = scoreCheck(a);
		const after = scoreCheck(b);
		if (!before.dPrime || !after.dPrime || !before.c || !after.c) continue;
		changes.push(after.dPrime.value - before.dPrime.value);
		biasChanges.push(after.c.value - before.c.value);
	}
	changes.sort((x, y) => x - y);
	biasChanges.sort((x, y) => x - y);
	const meanChange = meanInterval(changes);
	const meanBiasChange = meanInterval(biasChanges);
	return {
		source: 'live',
		pre: stages.pre ? summarise(pre, tookPre) : null,
		post: stages.post ? summarise(post, tookPost) : null,
		both,
		changes,
		biasChanges,
		meanChange,
		meanBiasChange,
		rose: changes.filter((x) => x >= SAME_BAND).length,
		fell: changes.filter((x) => x <= -SAME_BAND).length,
		same: changes.filter((x) => Math.abs(x) < SAME_BAND).length,
		verdict: pairedVerdict(meanChange, meanBiasChange),
		lures: lureRows(pre, post)
	};
}

/** Hands counted for one check item: how many said scam or genuine, sure or not. */
export interface ItemHands {
	scamSure: number;
	scamUnsure: number;
	genuineSure: number;
	genuineUnsure: number;
}

/** One counted item of a presenter check: what the scenario is, its lure type, and the hands. */
export interface CountedItem {
	truth: 'scam' | 'legitimate';
	lure: string;
	hands: ItemHands;
}

/** The hands of one item as answers (one per hand), for the same scores as phones' answers. */
export function handsToAnswers(item: CountedItem): LuredAnswer[] {
	const out: LuredAnswer[] = [];
	const push = (n: number, said: CheckAnswer['said'], confidence: CheckAnswer['confidence']) => {
		for (let i = 0; i < Math.max(0, Math.floor(n)); i++)
			out.push({ truth: item.truth, said, confidence, lure: item.lure });
	};
	push(item.hands.scamSure, 'scam', 'sure');
	push(item.hands.scamUnsure, 'scam', 'unsure');
	push(item.hands.genuineSure, 'legitimate', 'sure');
	push(item.hands.genuineUnsure, 'legitimate', 'unsure');
	return out;
}

/** Total hands counted on one item. */
export function handTotal(h: ItemHands): number {
	return h.scamSure + h.scamUnsure + h.genuineSure + h.genuineUnsure;
}

/**
 * Sums up a presenter room's counted checks. Hands are not heads: nobody is followed from one check to
 * the other, so there is no per-player change; the verdict compares the pooled before and after with
 * `compareChecks`, whose intervals assume independent answers and so read the counts generously, which
 * the UI says. `players` of a stage is the most hands counted on one item.
 */
export function handChecks(
	pre: readonly CountedItem[] | null,
	post: readonly CountedItem[] | null
): RoomCheckReport {
	const answers = (items: readonly CountedItem[] | null) => (items ?? []).flatMap(handsToAnswers);
	const most = (items: readonly CountedItem[] | null) =>
		Math.max(0, ...(items ?? []).map((i) => handTotal(i.hands)));
	const a = answers(pre);
	const b = answers(post);
	const before = pre ? summarise(a, most(pre)) : null;
	const after = post ? summarise(b, most(post)) : null;
	return {
		source: 'hands',
		pre: before,
		post: after,
		both: 0,
		changes: [],
		biasChanges: [],
		meanChange: null,
		meanBiasChange: null,
		rose: 0,
		fell: 0,
		same: 0,
		verdict: pre && post ? compareChecks(scoreCheck(a), scoreCheck(b)) : 'too-few',
		lures: lureRows(a, b)
	};
}
