/**
 * The `questions:check` command end to end: real files on disk, a real child process, its exit code and
 * output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const TSX = join('node_modules', '.bin', 'tsx');
const temp = mkdtempSync(join(tmpdir(), 'fd-bank-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run questions:check', () => {
	it('prints one summary line for the shipped bank and exits 0', () => {
		const out = execFileSync(TSX, ['scripts/questions-check.ts'], { encoding: 'utf8' });
		expect(out.trim()).toMatch(
			/^scenarios: \d+ \(scam \d+, legitimate \d+\) · cases covered: 10\/10 · questions: \d+$/
		);
	});

	it('prints the same figures as JSON with --json', () => {
		const line = execFileSync(TSX, ['scripts/questions-check.ts'], { encoding: 'utf8' });
		const json = JSON.parse(
			execFileSync(TSX, ['scripts/questions-check.ts', '--json'], { encoding: 'utf8' })
		);
		expect(json.ok).toBe(true);
		expect(line).toContain(
			`scenarios: ${json.scenarios} (scam ${json.scam}, legitimate ${json.legitimate})`
		);
		expect(line).toContain(`questions: ${json.questions}`);
	});

	it('lists every problem with file and field, and exits non-zero, for a faulty bank', () => {
		const dir = join(temp, 'bank');
		cpSync('questions', dir, { recursive: true });
		for (const name of ['unknown-red-flag', 'no-safe-option', 'backwards-stage'])
			cpSync(`tests/fixtures/bad-scenarios/${name}.yaml`, join(dir, 'scenarios', `${name}.yaml`));
		const run = spawnSync(TSX, ['scripts/questions-check.ts', dir], { encoding: 'utf8' });
		expect(run.status).toBe(1);
		const lines = run.stderr.split('\n');
		const file = (n: string) =>
			join(dir, 'scenarios', `${n}.yaml`).replace(`${process.cwd()}/`, '');
		expect(lines).toContain(
			`${file('unknown-red-flag')}: steps[0].flags[0]: unknown red flag "pay-first-earn-later" (see questions/red-flags.yaml)`
		);
		expect(lines).toContain(
			`${file('no-safe-option')}: decisions[0].options: must have at least one safe option`
		);
		expect(lines.some((l) => l.startsWith(`${file('backwards-stage')}: steps[2].stage:`))).toBe(
			true
		);
		expect(run.stderr).toContain('3 problem(s)');
	});
});
