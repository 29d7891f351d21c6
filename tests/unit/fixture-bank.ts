/**
 * The checker's self-contained test bank (`tests/fixtures/bank`): a small valid bank with its own taxonomy,
 * publishers and cue words, which the malformed fixtures and the cue-audit tests are checked beside. It
 * meets every rule except the bank-size targets, so tests check it with `DRAFT_RULES`.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BankFiles, SourceFile } from '../../src/lib/scenarios/check';

export const FIXTURE_BANK = 'tests/fixtures/bank';
export const BAD = 'tests/fixtures/bad-scenarios';

export function read(path: string): SourceFile {
	return { path, text: readFileSync(path, 'utf8') };
}

/** The fixture bank's valid scenario files. */
export function fixtureScenarios(): SourceFile[] {
	return readdirSync(`${FIXTURE_BANK}/scenarios`)
		.sort()
		.map((n) => read(`${FIXTURE_BANK}/scenarios/${n}`));
}

/** The fixture bank's files, with `scenarios` in place of its own. */
export function fixtureBankWith(scenarios: SourceFile[]): BankFiles {
	return {
		redFlags: read(`${FIXTURE_BANK}/red-flags.yaml`),
		lures: read(`${FIXTURE_BANK}/lures.yaml`),
		cases: read(`${FIXTURE_BANK}/cases.yaml`),
		sources: read(`${FIXTURE_BANK}/sources.yaml`),
		cues: read(`${FIXTURE_BANK}/cues.yaml`),
		scenarios
	};
}

/** A copy of the fixture bank in a fresh temporary folder (for the loader and the command). */
export function fixtureBankCopy(prefix = 'fd-bank-'): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	cpSync(FIXTURE_BANK, dir, { recursive: true });
	return dir;
}
