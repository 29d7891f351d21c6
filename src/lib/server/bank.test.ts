import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { BUILT_BANK, bankFromFiles, builtBank, getBank } from './bank';
import { DRAFT_RULES } from '$lib/scenarios/check';
import { loadBankFromDisk } from '$lib/scenarios/disk';

const FIXTURE = 'tests/fixtures/bank';

/** The fixture bank as the bundler hands it over: `/questions/…` path → text. */
function bundledFixture(): Record<string, string> {
	const files: Record<string, string> = {};
	for (const f of ['red-flags.yaml', 'lures.yaml', 'cases.yaml', 'sources.yaml', 'cues.yaml'])
		files[`/questions/${f}`] = readFileSync(`${FIXTURE}/${f}`, 'utf8');
	for (const f of readdirSync(`${FIXTURE}/scenarios`))
		files[`/questions/scenarios/${f}`] = readFileSync(`${FIXTURE}/scenarios/${f}`, 'utf8');
	return files;
}

describe('the bank the server builds from', () => {
	it('bundles every shipped scenario, the same as the checker reads from disk', () => {
		const disk = loadBankFromDisk('questions');
		if (!disk.ok) throw new Error('shipped bank invalid');
		expect(getBank().scenarios.map((s) => s.id)).toEqual(disk.bank.scenarios.map((s) => s.id));
	});

	it('builds the same bank from bundled files as the checker loads from disk', () => {
		const disk = loadBankFromDisk(FIXTURE, { rules: DRAFT_RULES });
		if (!disk.ok) throw new Error('fixture bank invalid');
		expect(bankFromFiles(bundledFixture(), { rules: DRAFT_RULES })).toEqual(disk.bank);
	});

	it('refuses an invalid bank with every problem, which fails the build’s prerendering', () => {
		const files = bundledFixture();
		files['/questions/scenarios/broken.yaml'] = readFileSync(
			'tests/fixtures/bad-scenarios/unknown-lure.yaml',
			'utf8'
		).replace('id: unknown-lure', 'id: broken');
		files['/questions/scenarios/also-broken.yaml'] = 'id: [';
		expect(() => bankFromFiles(files, { rules: DRAFT_RULES })).toThrowError(
			/The scenario bank is invalid:\nquestions\/scenarios\/also-broken\.yaml: line 1, column 6: invalid YAML.*\nquestions\/scenarios\/broken\.yaml: lure: unknown lure type "lottery-win"/s
		);
	});

	it('applies the checker’s file rule: a .yml file or a file in a subfolder is named, not dropped or shipped', () => {
		const files = bundledFixture();
		const text = files['/questions/scenarios/broker-app-deposit.yaml'] ?? '';
		files['/questions/scenarios/extra.yml'] = text;
		files['/questions/scenarios/old/extra.yaml'] = text;
		files['/questions/scenarios/notes.txt'] = 'to do';
		expect(() => bankFromFiles(files, { rules: DRAFT_RULES })).toThrowError(
			[
				'The scenario bank is invalid:',
				'questions/scenarios/extra.yml: (file): has the extension .yml; name scenario files <id>.yaml',
				'questions/scenarios/notes.txt: (file): is not a scenario file (<id>.yaml); move it out of questions/scenarios/',
				'questions/scenarios/old/extra.yaml: (file): is in a subfolder; scenario files must sit directly in questions/scenarios/'
			].join('\n')
		);
	});
});

describe('the bank the built server takes from its build', () => {
	const disk = loadBankFromDisk(FIXTURE, { rules: DRAFT_RULES });
	if (!disk.ok) throw new Error('fixture bank invalid');
	const text = JSON.stringify(disk.bank);

	it('is none outside a built server (dev server, preview, prerendering)', () => {
		expect(builtBank({})).toBeUndefined();
	});

	it('is the prerendered bank.json as written, frozen as the checker freezes it', () => {
		const bank = builtBank({ [BUILT_BANK]: () => text });
		expect(bank).toEqual(disk.bank);
		expect(Object.isFrozen(bank?.scenarios[0]?.steps[0])).toBe(true);
	});

	it('falls back to checking the bundled scenarios when the build has no bank.json, and says so', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(builtBank({ [BUILT_BANK]: () => undefined })).toBeUndefined();
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('bank.json is missing'));
		warn.mockRestore();
	});

	it('refuses a damaged bank.json loudly', () => {
		expect(() => builtBank({ [BUILT_BANK]: () => text.slice(0, 100) })).toThrowError(
			/prerendered\/bank\.json of this build is damaged/
		);
	});
});
