/**
 * Malformed scenario files: each fixture holds one fault and must be rejected naming its file, field path
 * and reason; a bank holding all of them must report every one in a single run.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBank, type BankFiles, type SourceFile } from '../../src/lib/scenarios/check';

const FIXTURES = 'tests/fixtures/bad-scenarios';

function read(path: string): SourceFile {
	return { path, text: readFileSync(path, 'utf8') };
}

function shippedScenarios(): SourceFile[] {
	return readdirSync('questions/scenarios')
		.filter((n) => n.endsWith('.yaml'))
		.map((n) => read(`questions/scenarios/${n}`));
}

function bankWith(scenarios: SourceFile[]): BankFiles {
	return {
		redFlags: read('questions/red-flags.yaml'),
		lures: read('questions/lures.yaml'),
		cases: read('questions/cases.yaml'),
		scenarios
	};
}

/** fixture file → the problems it must produce: [field path, words the reason must contain]. */
const EXPECTED: Record<string, [string, string][]> = {
	'bad-yaml.yaml': [
		[
			'line 4, column 1',
			'invalid YAML: Flow sequence in block collection must be sufficiently indented'
		],
		['line 5, column 1', 'invalid YAML: Map keys must be unique']
	],
	'missing-field.yaml': [['explanation', 'is required']],
	'unknown-red-flag.yaml': [['steps[0].flags[0]', 'unknown red flag "pay-first-earn-later"']],
	'securities-call-wechat-group.yaml': [
		['id', 'duplicate id "securities-call-wechat-group" (also in questions/scenarios/']
	],
	'backwards-stage.yaml': [
		['steps[2].stage', 'funnel stage goes backwards ("trust" after "small-win")']
	],
	'no-safe-option.yaml': [['decisions[0].options', 'must have at least one safe option']],
	'unknown-lure.yaml': [['lure', 'unknown lure type "lottery-win"']],
	'unknown-case.yaml': [['case', 'unknown seed case 42']],
	'legit-decisive-flag.yaml': [
		[
			'steps[2].flags[0]',
			'a legitimate scenario cannot show the decisive red flag "stock-tips-offer"'
		]
	],
	'scam-without-flags.yaml': [['steps', 'a scam must show at least one red flag']],
	'unknown-field.yaml': [
		['explanation', 'is required'],
		['explaination', 'unknown field']
	],
	'bad-channel.yaml': [['steps[0].channel', 'must be one of: call, sms, wechat']],
	'step-channel-not-listed.yaml': [
		['steps[2].channel', `"wechat" is not listed in the scenario's channels`]
	],
	'decision-after-last-step.yaml': [
		['decisions[0].after_step', 'must be a step number from 1 to 3']
	],
	'bad-source-url.yaml': [['sources[0]', 'must be a full URL']],
	'file-name-mismatch.yaml': [['id', 'must match the file name ("file-name-mismatch")']],
	'wrong-verdict.yaml': [['verdict', 'must be "scam" or "legitimate"']],
	'unused-channel.yaml': [['channels[2]', '"sms" is listed but no step uses it']],
	'flags-on-own-line.yaml': [['steps[1].flags', "the learner's own lines cannot carry red flags"]]
};

describe('malformed scenario files', () => {
	it('has a distinct expectation for every fixture, and at least 12 fixtures', () => {
		const files = readdirSync(FIXTURES).filter((n) => n.endsWith('.yaml'));
		expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
		expect(files.length).toBeGreaterThanOrEqual(12);
	});

	for (const [name, expected] of Object.entries(EXPECTED)) {
		it(`rejects ${name} with file, field and reason`, () => {
			const file = `${FIXTURES}/${name}`;
			// The duplicate-id fixture only clashes with the shipped bank, so every fixture is checked beside it.
			const result = checkBank(bankWith([...shippedScenarios(), read(file)]));
			expect(result.ok).toBe(false);
			if (result.ok) return;
			const mine = result.problems.filter((p) => p.file === file);
			expect(mine.map((p) => p.path)).toEqual(expected.map(([path]) => path));
			mine.forEach((p, i) => expect(p.message).toContain(expected[i]?.[1]));
			// Nothing is blamed on the valid shipped files.
			expect(result.problems.filter((p) => p.file !== file)).toEqual([]);
		});
	}

	it('reports every fault of every file in one run', () => {
		const fixtures = Object.keys(EXPECTED).map((n) => read(`${FIXTURES}/${n}`));
		const result = checkBank(bankWith([...shippedScenarios(), ...fixtures]));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const reported = new Set(result.problems.map((p) => `${p.file} ${p.path}`));
		for (const [name, expected] of Object.entries(EXPECTED))
			for (const [path] of expected) expect(reported).toContain(`${FIXTURES}/${name} ${path}`);
		expect(result.problems).toHaveLength(
			Object.values(EXPECTED).reduce((n, list) => n + list.length, 0)
		);
	});

	it('reports a broken taxonomy without cross-checking scenarios against it', () => {
		const files = bankWith(shippedScenarios());
		const result = checkBank({
			...files,
			redFlags: { path: 'questions/red-flags.yaml', text: '- id: Not Kebab\n  name: x\n' }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.every((p) => p.file === 'questions/red-flags.yaml')).toBe(true);
		expect(result.problems.map((p) => p.path)).toEqual(
			expect.arrayContaining(['[0].id', '[0].explain', '[0].safe_action', '[0].decisive'])
		);
	});

	it('reports a duplicate taxonomy id and an empty scenario folder', () => {
		const entry = '- id: task-job\n  name: Job\n  explain: A job.\n  safe_action: Never pay.\n';
		const result = checkBank({
			...bankWith([]),
			lures: { path: 'questions/lures.yaml', text: entry + entry }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toEqual([
			{ file: 'questions/lures.yaml', path: '[1].id', message: 'duplicate id "task-job"' },
			{ file: 'questions/scenarios', path: '', message: 'no scenario files found' }
		]);
	});
});

describe('the authoring guide', () => {
	it('has a worked example that passes the checker as it stands', () => {
		const guide = readFileSync('questions/README.md', 'utf8');
		const example = /## Worked example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
		expect(example).toBeDefined();
		const result = checkBank(
			bankWith([{ path: 'guide/securities-call-wechat-group.yaml', text: example ?? '' }])
		);
		expect(result.ok ? [] : result.problems).toEqual([]);
	});
});
