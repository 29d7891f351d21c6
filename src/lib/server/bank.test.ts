import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bankFromFiles, getBank } from './bank';
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
