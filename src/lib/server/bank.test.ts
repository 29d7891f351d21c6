import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bankFromFiles, getBank } from './bank';
import { loadBankFromDisk } from '$lib/scenarios/disk';

describe('the bank the server builds from', () => {
	it('bundles every shipped scenario, the same as the checker reads from disk', () => {
		const disk = loadBankFromDisk('questions');
		if (!disk.ok) throw new Error('shipped bank invalid');
		expect(getBank().scenarios.map((s) => s.id)).toEqual(disk.bank.scenarios.map((s) => s.id));
	});

	it('refuses an invalid bank with every problem, which fails the build’s prerendering', () => {
		const files = Object.fromEntries(
			['red-flags.yaml', 'lures.yaml', 'cases.yaml'].map((f) => [
				`/questions/${f}`,
				readFileSync(`questions/${f}`, 'utf8')
			])
		);
		files['/questions/scenarios/broken.yaml'] = readFileSync(
			'tests/fixtures/bad-scenarios/unknown-lure.yaml',
			'utf8'
		).replace('id: unknown-lure', 'id: broken');
		files['/questions/scenarios/also-broken.yaml'] = 'id: [';
		expect(() => bankFromFiles(files)).toThrowError(
			/The scenario bank is invalid:\nquestions\/scenarios\/also-broken\.yaml: line 1, column 6: invalid YAML.*\nquestions\/scenarios\/broken\.yaml: lure: unknown lure type "lottery-win"/s
		);
	});
});
