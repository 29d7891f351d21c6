/**
 * The pure parts of `npm run bench`: statistics over runs, figures as app / floor / ratio against a target,
 * the printed table, the JSON file and the change from the previous run. No I/O and no clock here, so that
 * tests/unit/bench-stats.test.ts can check them exactly.
 */

/** Median of a list of numbers (mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
	const finite = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (finite.length === 0) return NaN;
	const mid = Math.floor(finite.length / 2);
	return finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/**
 * The q-quantile by the nearest-rank method (the smallest value with at least q of the values at or below
 * it): p95 of 20 answers is the 19th, so one slow answer in 20 does not show, two do.
 */
export function quantile(values: readonly number[], q: number): number {
	const sorted = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
	return sorted[rank - 1]!;
}

/** app / floor, or null when there is no floor to divide by (none measured, zero, or not a number). */
export function ratio(app: number, floor: number | null): number | null {
	if (floor === null || !Number.isFinite(floor) || floor === 0 || !Number.isFinite(app))
		return null;
	return app / floor;
}

/** What a figure must meet: its ratio to the floor, or the app's own value, at most `max`. */
export interface Target {
	on: 'ratio' | 'app';
	max: number;
}

/** Units a figure can be printed in. */
export type Unit = 'bytes' | 'ms' | 'count' | 'files' | 'requests';

/** One row of the bench: the app's figure, the floor's (if any), their ratio and whether it meets its target. */
export interface Figure {
	/** Stable key, used to compare runs (`js-first-question`, `ttfq-4x-slow`, …). */
	id: string;
	/** The measuring group that produced it (`first`, `drill`, `review`, `home`, …). */
	group: string;
	label: string;
	unit: Unit;
	app: number;
	floor: number | null;
	ratio: number | null;
	target: Target | null;
	/** null when the figure has no target or could not be measured. */
	pass: boolean | null;
	/** Number of runs (or samples) the median or quantile was taken over. */
	n: number;
}

/** Builds a figure: the ratio from app and floor, and pass from the target. */
export function figure(input: {
	id: string;
	group: string;
	label: string;
	unit: Unit;
	app: number;
	floor?: number | null;
	target?: Target | null;
	n: number;
}): Figure {
	const floor = input.floor ?? null;
	const r = ratio(input.app, floor);
	const target = input.target ?? null;
	let pass: boolean | null = null;
	if (target) {
		const value = target.on === 'ratio' ? r : Number.isFinite(input.app) ? input.app : null;
		pass = value === null ? null : value <= target.max;
	}
	return {
		id: input.id,
		group: input.group,
		label: input.label,
		unit: input.unit,
		app: input.app,
		floor,
		ratio: r,
		target,
		pass,
		n: input.n
	};
}

/** A value in its unit: bytes as KB with one decimal (1 KB = 1,000 B, as the issue quotes them). */
export function formatValue(value: number | null, unit: Unit): string {
	if (value === null || !Number.isFinite(value)) return '—';
	switch (unit) {
		case 'bytes':
			return `${(value / 1000).toFixed(1)} KB`;
		case 'ms':
			return value >= 1000
				? `${(value / 1000).toFixed(2)} s`
				: `${value.toFixed(value < 100 ? 1 : 0)} ms`;
		case 'count':
		case 'files':
		case 'requests':
			return `${Math.round(value * 10) / 10} ${unit === 'count' ? '' : unit}`.trim();
	}
}

function formatTarget(target: Target | null, unit: Unit): string {
	if (!target) return '';
	return target.on === 'ratio' ? `≤ ${target.max}×` : `≤ ${formatValue(target.max, unit)}`;
}

function formatPass(pass: boolean | null, target: Target | null): string {
	if (!target) return '';
	return pass === null ? 'n/a' : pass ? 'pass' : 'FAIL';
}

/** The printed table: figure | app | floor | ratio | target | pass?, columns padded to line up. */
export function formatTable(figures: readonly Figure[]): string {
	const rows = [
		['figure', 'app', 'floor', 'ratio', 'target', 'pass?'],
		...figures.map((f) => [
			f.label,
			formatValue(f.app, f.unit),
			f.floor === null ? '—' : formatValue(f.floor, f.unit),
			f.ratio === null ? '' : `${f.ratio.toFixed(2)}×`,
			formatTarget(f.target, f.unit),
			formatPass(f.pass, f.target)
		])
	];
	const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
	const line = (r: string[]) =>
		r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ');
	return [
		line(rows[0]!),
		widths.map((w) => '-'.repeat(w)).join('-|-'),
		...rows.slice(1).map(line)
	].join('\n');
}

/** Where and on what a run was made, so that figures from different machines are never compared blind. */
export interface RunInfo {
	date: string;
	commit: string;
	/** true when the working tree had changes not yet committed. */
	dirty: boolean;
	cpu: { model: string; cores: number };
	node: string;
	chromium: string;
	runs: number;
	groups: string[];
	/** The browser's language (its `navigator.languages` and Accept-Language); absent in older runs: en-US. */
	locale?: string;
}

/** The JSON file of one run (bench-results/latest.json). */
export interface BenchResult {
	version: 1;
	info: RunInfo;
	figures: Figure[];
	/** Per-group detail: every run's raw values, the chunk lists, the cue learners. */
	details: Record<string, unknown>;
}

/** The result of one run in the shape written to bench-results/latest.json. */
export function benchResult(
	info: RunInfo,
	figures: Figure[],
	details: Record<string, unknown>
): BenchResult {
	return { version: 1, info, figures, details };
}

/** Reads a previous result back, or null when the text is not one (an older bench's file, or damaged). */
export function parseResult(text: string): BenchResult | null {
	try {
		const data: unknown = JSON.parse(text);
		if (typeof data !== 'object' || data === null) return null;
		const r = data as Partial<BenchResult>;
		if (r.version !== 1 || !Array.isArray(r.figures) || typeof r.info !== 'object') return null;
		return r as BenchResult;
	} catch {
		return null;
	}
}

/** How one figure moved since the previous run. */
export interface Change {
	id: string;
	label: string;
	unit: Unit;
	before: number;
	after: number;
	/** after / before − 1: +0.10 is 10 % more. null when before is zero. */
	relative: number | null;
	ratioBefore: number | null;
	ratioAfter: number | null;
}

/** Figures present in both runs, with their app values before and after. */
export function changes(previous: BenchResult, current: BenchResult): Change[] {
	const before = new Map(previous.figures.map((f) => [f.id, f]));
	return current.figures.flatMap((f) => {
		const old = before.get(f.id);
		if (!old || !Number.isFinite(old.app) || !Number.isFinite(f.app)) return [];
		return [
			{
				id: f.id,
				label: f.label,
				unit: f.unit,
				before: old.app,
				after: f.app,
				relative: old.app === 0 ? null : f.app / old.app - 1,
				ratioBefore: old.ratio,
				ratioAfter: f.ratio
			}
		];
	});
}

/** The printed change list: one line per figure that moved, e.g. `JS … 87.8 KB → 60.1 KB (−31.5 %)`. */
export function formatChanges(list: readonly Change[]): string {
	const moved = list.filter((c) => c.before !== c.after);
	if (moved.length === 0) return 'no change from the previous run';
	return moved
		.map((c) => {
			const pct =
				c.relative === null
					? ''
					: ` (${c.relative >= 0 ? '+' : '−'}${Math.abs(c.relative * 100).toFixed(1)} %)`;
			const r =
				c.ratioBefore !== null && c.ratioAfter !== null
					? `; ratio ${c.ratioBefore.toFixed(2)}× → ${c.ratioAfter.toFixed(2)}×`
					: '';
			return `${c.label}: ${formatValue(c.before, c.unit)} → ${formatValue(c.after, c.unit)}${pct}${r}`;
		})
		.join('\n');
}

/**
 * The command line: `--runs N`, `--no-build`, `--only <group>[,<group>]`, `--cues-only`, `--app-path /x`,
 * `--locale <tag>`.
 */
export interface BenchOptions {
	runs: number;
	build: boolean;
	only: string[] | null;
	appPath: string;
	/**
	 * The browser's language, for both apps: `en-US` by default; `zh-CN` measures a Chinese visitor, who gets
	 * the app in Chinese (the floor has one language).
	 */
	locale: string;
}

/** The measuring groups, in the order they run. */
export const GROUPS = ['cues', 'size', 'first', 'drill', 'review', 'home'] as const;

/** Parses the bench's arguments; throws with a reason on a bad one. */
export function parseOptions(argv: readonly string[]): BenchOptions {
	const options: BenchOptions = {
		runs: 5,
		build: true,
		only: null,
		appPath: '/train',
		locale: 'en-US'
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const value = () => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${arg} needs a value`);
			return next;
		};
		if (arg === '--no-build') options.build = false;
		else if (arg === '--cues-only') options.only = ['cues'];
		else if (arg === '--runs') {
			const n = Number(value());
			if (!Number.isInteger(n) || n < 1 || n > 50)
				throw new Error('--runs takes a whole number from 1 to 50');
			options.runs = n;
		} else if (arg === '--only') {
			const groups = value().split(',');
			const unknown = groups.filter((g) => !(GROUPS as readonly string[]).includes(g));
			if (unknown.length > 0)
				throw new Error(
					`--only: unknown group ${unknown.join(', ')} (groups: ${GROUPS.join(', ')})`
				);
			options.only = groups;
		} else if (arg === '--app-path') {
			const path = value();
			if (!path.startsWith('/')) throw new Error('--app-path takes a path starting with /');
			options.appPath = path;
		} else if (arg === '--locale') {
			const tag = value();
			if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag))
				throw new Error('--locale takes a language tag such as en-US or zh-CN');
			options.locale = tag;
		} else throw new Error(`unknown option ${arg}`);
	}
	return options;
}
