import { describe, expect, it } from 'vitest';
import { decodeFile, MAX_SCENARIO_BYTES, scenarioEntryProblem, scenarioFiles } from './files';

describe('the one rule for scenario files', () => {
	it('accepts only a regular <id>.yaml file directly in the folder', () => {
		expect(scenarioEntryProblem('a.yaml', 'file')).toBeNull();
		expect(scenarioEntryProblem('a.yml', 'file')).toContain('.yml');
		expect(scenarioEntryProblem('old/a.yaml', 'file')).toContain('subfolder');
		expect(scenarioEntryProblem('a.yaml', 'symlink')).toContain('symbolic link');
		expect(scenarioEntryProblem('a.yaml', 'other')).toContain('not a regular file');
		expect(scenarioEntryProblem('README.md', 'file')).toContain('not a scenario file');
	});

	it('reads the good entries and names the others, in path order', () => {
		const result = scenarioFiles([
			{ path: 'q/scenarios/b.yml', name: 'b.yml', kind: 'file', content: 'id: b' },
			{ path: 'q/scenarios/a.yaml', name: 'a.yaml', kind: 'file', content: 'id: a' }
		]);
		expect(result.files).toEqual([{ path: 'q/scenarios/a.yaml', text: 'id: a' }]);
		expect(result.problems.map((p) => p.file)).toEqual(['q/scenarios/b.yml']);
	});
});

describe('decoding a file', () => {
	it('decodes UTF-8 and refuses other encodings', () => {
		const utf8 = new TextEncoder().encode('title: 诈骗');
		expect(decodeFile('a.yaml', utf8, MAX_SCENARIO_BYTES)).toEqual({
			file: { path: 'a.yaml', text: 'title: 诈骗' }
		});
		// "测试" in GBK: 0xb2 cannot start a UTF-8 sequence.
		const gbk = new Uint8Array([0xb2, 0xe2, 0xca, 0xd4]);
		expect(decodeFile('a.yaml', gbk, MAX_SCENARIO_BYTES)).toEqual({
			problem: {
				file: 'a.yaml',
				path: '',
				message: 'is not valid UTF-8 text (save it as UTF-8, not GBK or another encoding)'
			}
		});
	});

	it('refuses a file above the cap, counted in bytes', () => {
		const text = '诈'.repeat(30_000); // 90,000 bytes in UTF-8
		expect(decodeFile('a.yaml', text, MAX_SCENARIO_BYTES)).toEqual({
			problem: {
				file: 'a.yaml',
				path: '',
				message: 'is 90,000 bytes (87.9 KiB); a file may be at most 65,536 bytes (64 KiB)'
			}
		});
	});
});
