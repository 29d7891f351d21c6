/**
 * The `questions:check` command end to end: real files on disk, a real child process, its exit code and
 * output. It runs on copies of the self-contained fixture bank (`--draft`: without the bank-size targets).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD, FIXTURE_BANK, fixtureBankCopy } from './fixture-bank';

const TSX = join('node_modules', '.bin', 'tsx');
const CHECK = 'scripts/questions-check.ts';
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function copy(): string {
	const dir = fixtureBankCopy('fd-cli-');
	temps.push(dir);
	return dir;
}

const STRATEGIES = [
	'longest-option-zh',
	'longest-option-en',
	'shortest-option-zh',
	'shortest-option-en',
	'fewest-action-words-zh',
	'fewest-action-words-en',
	'action-words-zh',
	'action-words-en',
	'always-scam',
	'self-certifying-zh',
	'self-certifying-en',
	'self-certifying-scam-zh',
	'self-certifying-scam-en',
	'long-script-steps',
	'long-script-zh',
	'long-script-en',
	'tick-every-message',
	'stop-same-position'
];

// Each test starts the command as a child process (tsx compiles it first): a few seconds apiece, more while
// the rest of the suite shares the machine, so the limit is a minute rather than vitest's default 5 s.
describe('npm run questions:check', { timeout: 60_000 }, () => {
	it('prints the summary block: figures, Chinese coverage and every cue strategy; exits 0', () => {
		const out = execFileSync(TSX, [CHECK, '--draft', FIXTURE_BANK], { encoding: 'utf8' });
		const lines = out.trim().split('\n');
		expect(lines[0]).toBe(
			'scenarios: 5 (scam 3, legitimate 2) · cases covered: 1/2 · questions: 16'
		);
		expect(lines[1]).toBe('Chinese text: 117 of 117 text fields (100%)');
		expect(lines[2]).toMatch(/^cue audit/);
		expect(lines.slice(3)).toHaveLength(STRATEGIES.length);
		expect(lines[3]).toMatch(
			/^ {2}pass {2}pick the longest option \(Chinese\) +40% \(limit 60%: chance 50% \+ 10 points; 5 questions\)$/
		);
		expect(lines.at(-1)).toMatch(/^ {2}pass {2}stop: always the last message +33\.3% \(limit 40%/);
	});

	it('prints the same figures as JSON with --json, with coverage per file and the audit under cues', () => {
		const json = JSON.parse(
			execFileSync(TSX, [CHECK, '--json', '--draft', FIXTURE_BANK], { encoding: 'utf8' })
		);
		expect(json).toMatchObject({ ok: true, scenarios: 5, scam: 3, legitimate: 2, questions: 16 });
		expect(json.coverage).toMatchObject({ fields: 117, zh: 117, percent: 100 });
		expect(json.coverage.files[`${FIXTURE_BANK}/scenarios/broker-app-deposit.yaml`]).toEqual({
			fields: 18,
			zh: 18
		});
		expect(Object.keys(json.cues)).toEqual(STRATEGIES);
		expect(json.cues['always-scam']).toEqual({
			kind: 'verdict',
			questions: 5,
			score: 60,
			chance: 50,
			limit: 60,
			pass: true,
			right: [
				'broker-app-deposit/verdict',
				'code-for-account-upgrade/verdict',
				'securities-call-wechat-group/verdict'
			]
		});
		expect(json.cues['stop-same-position']).toMatchObject({ position: 'last', pass: true });
	});

	it('applies the bank-size targets without --draft, naming each, and exits 1', () => {
		const run = spawnSync(TSX, [CHECK, FIXTURE_BANK], { encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			`${FIXTURE_BANK}/scenarios: bank: has 5 scenarios; the bank needs at least 60`
		);
		expect(run.stderr).toContain('3 problem(s)');
		// The figures are still printed beside the problems.
		expect(run.stdout).toContain('scenarios: 5 (scam 3, legitimate 2)');
	});

	it('lists every problem with file and field, and exits non-zero, for a faulty bank', () => {
		const dir = copy();
		for (const name of ['unknown-red-flag', 'no-safe-option', 'backwards-stage', 'alias-bomb'])
			cpSync(`${BAD}/${name}.yaml`, join(dir, 'scenarios', `${name}.yaml`));
		const run = spawnSync(TSX, [CHECK, '--draft', dir], { encoding: 'utf8' });
		expect(run.status).toBe(1);
		const lines = run.stderr.split('\n');
		const file = (n: string) => `${join(dir, 'scenarios', n)}.yaml`;
		expect(lines).toContain(
			`${file('unknown-red-flag')}: steps[0].flags[0]: unknown red flag "pay-first-earn-later" (see questions/red-flags.yaml)`
		);
		expect(lines).toContain(
			`${file('no-safe-option')}: decisions[0].options: must have at least one safe option`
		);
		expect(lines.some((l) => l.startsWith(`${file('backwards-stage')}: steps[2].stage:`))).toBe(
			true
		);
		expect(lines).toContain(
			`${file('alias-bomb')}: (file): expands YAML aliases too often (an "alias bomb"); at most 100 expansions are allowed`
		);
		expect(run.stderr).toContain('4 problem(s)');
		expect(run.stderr).not.toMatch(/Error:|at .*\.ts:\d+/);
	});

	it('still prints JSON for a bank with an alias bomb, deep nesting and a file that is not UTF-8', () => {
		const dir = copy();
		for (const name of [
			'alias-bomb.yaml',
			'deep-dashes.yaml',
			'deep-nesting.yaml',
			'not-utf8.yaml'
		])
			cpSync(`${BAD}/${name}`, join(dir, 'scenarios', name));
		const run = spawnSync(TSX, [CHECK, '--json', '--draft', dir], { encoding: 'utf8' });
		expect(run.status).toBe(1);
		const json = JSON.parse(run.stdout);
		expect(json.ok).toBe(false);
		expect(json.cues).toBeNull();
		expect(json.problems.map((p: { file: string }) => p.file.split('/').pop())).toEqual([
			'not-utf8.yaml',
			'alias-bomb.yaml',
			'deep-dashes.yaml',
			'deep-nesting.yaml'
		]);
	});

	it('fails past a cue limit, naming the strategy, the limit and the questions', () => {
		const dir = copy();
		// With one genuine look-alike fewer, "always scam" scores 75% of verdicts.
		rmSync(join(dir, 'scenarios', 'legit-broker-statement-sms.yaml'));
		const run = spawnSync(TSX, [CHECK, '--draft', dir], { encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			`${join(dir, 'scenarios')}: cue audit: always-scam: "verdict: always "scam"" scores 75% on 4 verdict questions, above its limit of 60% (at most 60%); it gets these right: broker-app-deposit/verdict, code-for-account-upgrade/verdict, securities-call-wechat-group/verdict`
		);
		expect(run.stdout).toMatch(/ {2}FAIL {2}verdict: always "scam" +75%/);
	});

	it('reports a half-translated file per missing language', () => {
		const dir = copy();
		const path = join(dir, 'scenarios', 'broker-app-deposit.yaml');
		writeFileSync(
			path,
			readFileSync(path, 'utf8').replace(
				'prompt: { zh: 你现在怎么做？, en: What do you do now? }',
				'prompt: { en: What do you do now? }'
			)
		);
		const run = spawnSync(TSX, [CHECK, '--draft', dir], { encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(`${path}: decisions[0].prompt.zh: missing Chinese text`);
		expect(run.stdout).toContain('Chinese text: 116 of 117 text fields (99.1%)');
	});
});
