import { describe, expect, it } from 'vitest';
import {
	benchResult,
	changes,
	figure,
	formatChanges,
	formatTable,
	median,
	parseOptions,
	parseResult,
	quantile,
	ratio,
	type RunInfo
} from '../../scripts/bench-stats';

const info: RunInfo = {
	date: '2026-11-30T00:00:00.000Z',
	commit: 'abc123',
	dirty: false,
	cpu: { model: 'test cpu', cores: 2 },
	node: 'v20.19.0',
	chromium: 'Chromium 1',
	runs: 5,
	groups: ['first']
};

describe('median and quantile', () => {
	it('takes the middle value, or the mean of the two middle ones', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([7])).toBe(7);
	});

	it('leaves out values that are not numbers, and is NaN for none', () => {
		expect(median([NaN, 2, Infinity, 4])).toBe(3);
		expect(median([])).toBeNaN();
		expect(quantile([], 0.95)).toBeNaN();
	});

	it('p95 by nearest rank: one slow answer in twenty does not show, two do', () => {
		const one = [...Array.from({ length: 19 }, () => 10), 500];
		expect(quantile(one, 0.95)).toBe(10);
		const two = [...Array.from({ length: 18 }, () => 10), 400, 500];
		expect(quantile(two, 0.95)).toBe(400);
		expect(quantile([3, 1, 2], 0.5)).toBe(2);
		expect(quantile([3, 1, 2], 1)).toBe(3);
	});
});

describe('figures', () => {
	it('divides by the floor, and has no ratio without one', () => {
		expect(ratio(150, 100)).toBe(1.5);
		expect(ratio(150, null)).toBeNull();
		expect(ratio(150, 0)).toBeNull();
		expect(ratio(NaN, 100)).toBeNull();
	});

	it('passes a ratio target at the limit and fails above it', () => {
		const at = figure({
			id: 'a',
			group: 'first',
			label: 'A',
			unit: 'bytes',
			app: 130,
			floor: 100,
			target: { on: 'ratio', max: 1.3 },
			n: 5
		});
		expect(at.ratio).toBeCloseTo(1.3);
		expect(at.pass).toBe(true);
		const over = figure({
			id: 'a',
			group: 'first',
			label: 'A',
			unit: 'bytes',
			app: 131,
			floor: 100,
			target: { on: 'ratio', max: 1.3 },
			n: 5
		});
		expect(over.pass).toBe(false);
	});

	it("checks an app target on the app's own value, and says n/a when nothing was measured", () => {
		const ok = figure({
			id: 'p95',
			group: 'drill',
			label: 'p95',
			unit: 'ms',
			app: 12,
			target: { on: 'app', max: 16 },
			n: 50
		});
		expect(ok).toMatchObject({ floor: null, ratio: null, pass: true });
		const none = figure({
			id: 'p95',
			group: 'drill',
			label: 'p95',
			unit: 'ms',
			app: NaN,
			target: { on: 'app', max: 16 },
			n: 0
		});
		expect(none.pass).toBeNull();
		const noFloor = figure({
			id: 'r',
			group: 'review',
			label: 'r',
			unit: 'ms',
			app: 10,
			floor: NaN,
			target: { on: 'ratio', max: 2 },
			n: 5
		});
		expect(noFloor.pass).toBeNull();
	});

	it('prints a table with one line per figure and the six columns', () => {
		const table = formatTable([
			figure({
				id: 'js',
				group: 'first',
				label: 'JS before first question (gzip)',
				unit: 'bytes',
				app: 87_800,
				floor: 48_000,
				target: { on: 'ratio', max: 1.3 },
				n: 5
			}),
			figure({
				id: 'p95',
				group: 'drill',
				label: 'answer → feedback p95, 1×',
				unit: 'ms',
				app: 12.34,
				target: { on: 'app', max: 16 },
				n: 50
			}),
			figure({
				id: 'review',
				group: 'review',
				label: 'review',
				unit: 'ms',
				app: 1310,
				floor: 350,
				n: 5
			})
		]);
		const lines = table.split('\n');
		expect(lines).toHaveLength(5);
		expect(lines[0]!.split('|').map((c) => c.trim())).toEqual([
			'figure',
			'app',
			'floor',
			'ratio',
			'target',
			'pass?'
		]);
		expect(lines[2]!.split('|').map((c) => c.trim())).toEqual([
			'JS before first question (gzip)',
			'87.8 KB',
			'48.0 KB',
			'1.83×',
			'≤ 1.3×',
			'FAIL'
		]);
		expect(lines[3]!.split('|').map((c) => c.trim())).toEqual([
			'answer → feedback p95, 1×',
			'12.3 ms',
			'—',
			'',
			'≤ 16.0 ms',
			'pass'
		]);
		expect(lines[4]).toContain('1.31 s');
		// Every row is as wide as the header: the columns line up.
		const width = [...lines[0]!].length;
		for (const line of lines) expect([...line].length).toBe(width);
	});
});

describe('the JSON file and the change from the last run', () => {
	const before = benchResult(
		info,
		[
			figure({
				id: 'js',
				group: 'first',
				label: 'JS',
				unit: 'bytes',
				app: 100_000,
				floor: 50_000,
				n: 5
			}),
			figure({ id: 'gone', group: 'first', label: 'gone', unit: 'ms', app: 5, n: 5 })
		],
		{}
	);
	const after = benchResult(
		{ ...info, commit: 'def456' },
		[
			figure({
				id: 'js',
				group: 'first',
				label: 'JS',
				unit: 'bytes',
				app: 75_000,
				floor: 50_000,
				n: 5
			}),
			figure({ id: 'new', group: 'first', label: 'new', unit: 'ms', app: 5, n: 5 })
		],
		{ first: { runs: [] } }
	);

	it('round-trips through JSON with its version, run info, figures and details', () => {
		const back = parseResult(JSON.stringify(after));
		expect(back).toEqual(after);
		expect(back?.info.cpu).toEqual({ model: 'test cpu', cores: 2 });
		expect(Object.keys(back!.figures[0]!).sort()).toEqual(
			['app', 'floor', 'group', 'id', 'label', 'n', 'pass', 'ratio', 'target', 'unit'].sort()
		);
	});

	it('reads an older or damaged file as no previous run', () => {
		expect(parseResult('{"date":"x","clientJs":{}}')).toBeNull();
		expect(parseResult('not json')).toBeNull();
		expect(parseResult('null')).toBeNull();
	});

	it('compares the figures both runs have', () => {
		const list = changes(before, after);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({
			id: 'js',
			before: 100_000,
			after: 75_000,
			ratioBefore: 2,
			ratioAfter: 1.5
		});
		expect(list[0]!.relative).toBeCloseTo(-0.25);
		expect(formatChanges(list)).toBe('JS: 100.0 KB → 75.0 KB (−25.0 %); ratio 2.00× → 1.50×');
		expect(formatChanges(changes(after, after))).toBe('no change from the previous run');
	});
});

describe('options', () => {
	it('defaults to five runs with a build', () => {
		expect(parseOptions([])).toEqual({
			runs: 5,
			build: true,
			only: null,
			appPath: '/train',
			locale: 'en-US'
		});
	});

	it('reads --runs, --no-build, --only and --cues-only', () => {
		expect(parseOptions(['--runs', '7', '--no-build', '--only', 'first,drill'])).toEqual({
			runs: 7,
			build: false,
			only: ['first', 'drill'],
			appPath: '/train',
			locale: 'en-US'
		});
		expect(parseOptions(['--cues-only']).only).toEqual(['cues']);
	});

	it("reads --locale, the browser's language", () => {
		expect(parseOptions(['--locale', 'zh-CN']).locale).toBe('zh-CN');
		expect(() => parseOptions(['--locale', 'Chinese please'])).toThrow(/language tag/);
		expect(() => parseOptions(['--locale'])).toThrow(/needs a value/);
	});

	it('refuses a bad option with a reason', () => {
		expect(() => parseOptions(['--runs', '0'])).toThrow(/--runs/);
		expect(() => parseOptions(['--runs'])).toThrow(/needs a value/);
		expect(() => parseOptions(['--only', 'speed'])).toThrow(/unknown group speed/);
		expect(() => parseOptions(['--fast'])).toThrow(/unknown option/);
	});
});
