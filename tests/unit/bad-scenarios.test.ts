/**
 * Malformed scenario files: each fixture holds one fault and must be rejected naming its file, field path
 * and reason; a bank holding all of them must report every one in a single run. Each fixture is put into a
 * real folder beside the valid fixture bank and read by the checker's own loader, so file-level faults
 * (a symlink, a `.yml` file, a subfolder, bytes that are not UTF-8, an oversized file) are covered too.
 */
import { cpSync, lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBank, DRAFT_RULES, type Problem } from '../../src/lib/scenarios/check';
import { loadBankFromDisk } from '../../src/lib/scenarios/disk';
import { BAD, fixtureBankCopy, fixtureBankWith, fixtureScenarios } from './fixture-bank';

/** fixture entry (relative to the fixtures folder) → the problems it must produce: [field path, reason]. */
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
	'twin-of-existing-id.yaml': [['id', 'duplicate id "securities-call-wechat-group" (also in ']],
	'backwards-stage.yaml': [
		['steps[2].stage', 'funnel stage goes backwards ("trust" after "small-win")']
	],
	'no-safe-option.yaml': [['decisions[0].options', 'must have at least one safe option']],
	'unknown-lure.yaml': [['lure', 'unknown lure type "lottery-win"']],
	'unknown-case.yaml': [['case', 'unknown seed case 42']],
	'legit-with-flags.yaml': [
		['steps[0].flags[0]', 'a legitimate scenario shows no red flag (found "unsolicited-contact")'],
		['steps[2].flags[0]', 'a legitimate scenario shows no red flag (found "stock-tips-offer")']
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
	'bad-source-url.yaml': [['sources[0]', 'must be a full https:// URL']],
	'file-name-mismatch.yaml': [['id', 'must match the file name ("file-name-mismatch")']],
	'wrong-verdict.yaml': [['verdict', 'must be "scam" or "legitimate"']],
	'unused-channel.yaml': [['channels[2]', '"sms" is listed but no step uses it']],
	'flags-on-own-line.yaml': [['steps[1].flags', "the learner's own lines cannot carry red flags"]],
	'half-translated.yaml': [
		['title', 'must be { zh, en } (both languages)'],
		['steps[1].text.zh', 'missing Chinese text'],
		['decisions[0].options[1].outcome.en', 'missing English text']
	],
	'unsafe-source-urls.yaml': [
		['sources[0]', 'must be an https:// URL (a "javascript:" link is not allowed)'],
		['sources[1]', 'must be an https:// URL (a "http:" link is not allowed)'],
		['sources[2]', 'must be an https:// URL (a "data:" link is not allowed)']
	],
	'unlisted-source.yaml': [
		[
			'sources[1]',
			'"https://fraud-news.example.com/2021/drainage.html" is not from a listed publisher'
		],
		['sources[2]', '"https://mps.gov.cn.example.net/fake.html" is not from a listed publisher']
	],
	'text-too-long.yaml': [
		['steps[4].text.en', 'English text is 1033 characters long; at most 1,000 are allowed']
	],
	'stray-quote.yaml': [
		['title.zh', 'Chinese text has an unmatched “” (a stray quote mark?)'],
		['title.en', `English text has an unmatched ' (a stray quote mark?)`]
	],
	'alias-bomb.yaml': [['', 'expands YAML aliases too often']],
	'deep-nesting.yaml': [['', 'nests lists or mappings more than 16 levels deep']],
	'deep-dashes.yaml': [['', 'nests lists or mappings more than 16 levels deep']],
	'oversized.yaml': [['', 'a file may be at most 65,536 bytes (64 KiB)']],
	'not-utf8.yaml': [['', 'is not valid UTF-8 text']],
	'wrong-extension.yml': [['', 'has the extension .yml; name scenario files <id>.yaml']],
	'subfolder/in-subfolder.yaml': [['', 'is in a subfolder']],
	'symlink.yaml': [['', 'is a symbolic link']]
};

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** The fixture bank in a temporary folder with the given fixture entries added to its scenarios. */
function bankWithFixtures(names: string[]): string {
	const dir = fixtureBankCopy();
	temps.push(dir);
	for (const name of names)
		cpSync(join(BAD, name), join(dir, 'scenarios', name), {
			recursive: true,
			verbatimSymlinks: true
		});
	return dir;
}

/** Every fixture entry, symlinks and subfolders included, as paths relative to the fixtures folder. */
function fixtureEntries(): string[] {
	return readdirSync(BAD).flatMap((name) =>
		lstatSync(join(BAD, name)).isDirectory()
			? readdirSync(join(BAD, name)).map((n) => `${name}/${n}`)
			: [name]
	);
}

const shownIn = (dir: string, name: string) => `${dir}/scenarios/${name}`;

describe('malformed scenario files', () => {
	it('has a distinct expectation for every fixture, and at least 30 fixtures', () => {
		expect(fixtureEntries().sort()).toEqual(Object.keys(EXPECTED).sort());
		expect(fixtureEntries().length).toBeGreaterThanOrEqual(30);
	});

	it('the fixture bank itself is valid, so every problem below belongs to its fixture', () => {
		const result = checkBank(fixtureBankWith(fixtureScenarios()), { rules: DRAFT_RULES });
		expect(result.ok ? [] : result.problems).toEqual([]);
	});

	for (const [name, expected] of Object.entries(EXPECTED)) {
		it(`rejects ${name} with file, field and reason`, () => {
			const dir = bankWithFixtures([name.split('/')[0] ?? name]);
			const result = loadBankFromDisk(dir, { rules: DRAFT_RULES });
			expect(result.ok).toBe(false);
			if (result.ok) return;
			const file = shownIn(dir, name);
			const mine = result.problems.filter((p) => p.file === file);
			expect(mine.map((p) => p.path)).toEqual(expected.map(([path]) => path));
			mine.forEach((p, i) => expect(p.message).toContain(expected[i]?.[1]));
			// Nothing is blamed on the valid files of the fixture bank.
			expect(result.problems.filter((p) => p.file !== file)).toEqual([]);
			// The result still carries its Chinese coverage, and no audit of an invalid bank.
			expect(result.cues).toBeNull();
		});
	}

	it('reports every fault of every file in one run: no file hides the others', () => {
		const dir = bankWithFixtures(readdirSync(BAD));
		const result = loadBankFromDisk(dir, { rules: DRAFT_RULES });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const reported = result.problems.map((p: Problem) => `${p.file} ${p.path}`);
		for (const [name, expected] of Object.entries(EXPECTED))
			for (const [path] of expected) expect(reported).toContain(`${shownIn(dir, name)} ${path}`);
		expect(result.problems).toHaveLength(
			Object.values(EXPECTED).reduce((n, list) => n + list.length, 0)
		);
	});

	it('reports a broken taxonomy without cross-checking scenarios against it', () => {
		const result = checkBank(
			{
				...fixtureBankWith(fixtureScenarios()),
				redFlags: { path: 'questions/red-flags.yaml', text: '- id: Not Kebab\n  name: x\n' }
			},
			{ rules: DRAFT_RULES }
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.every((p) => p.file === 'questions/red-flags.yaml')).toBe(true);
		expect(result.problems.map((p) => p.path)).toEqual(
			expect.arrayContaining(['[0].id', '[0].name', '[0].explain', '[0].decisive'])
		);
	});

	it('reports a duplicate taxonomy id and an empty scenario folder', () => {
		const entry =
			'- id: task-job\n  name: { zh: 兼职, en: Job }\n  explain: { zh: 兼职。, en: A job. }\n' +
			'  safe_action: { zh: 不交钱。, en: Never pay. }\n';
		const files = fixtureBankWith([]);
		const result = checkBank({
			...files,
			redFlags: { ...files.redFlags, path: 'questions/red-flags.yaml' },
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
	it('has a fully bilingual worked example that passes the checker as it stands', () => {
		const guide = readFileSync('questions/README.md', 'utf8');
		const example = /## Worked example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
		expect(example).toBeDefined();
		const files = fixtureBankWith([
			...fixtureScenarios().filter((f) => !f.path.endsWith('/securities-call-wechat-group.yaml')),
			{ path: 'guide/securities-call-wechat-group.yaml', text: example ?? '' }
		]);
		const result = checkBank(
			{
				...files,
				redFlags: {
					path: 'red-flags.yaml',
					text: readFileSync('questions/red-flags.yaml', 'utf8')
				},
				sources: { path: 'sources.yaml', text: readFileSync('questions/sources.yaml', 'utf8') },
				lures: { path: 'lures.yaml', text: readFileSync('questions/lures.yaml', 'utf8') },
				cases: { path: 'cases.yaml', text: readFileSync('questions/cases.yaml', 'utf8') }
			},
			{ rules: DRAFT_RULES }
		);
		const mine = result.ok ? [] : result.problems.filter((p) => p.file.startsWith('guide/'));
		expect(mine).toEqual([]);
		expect(result.coverage.files['guide/securities-call-wechat-group.yaml']).toEqual({
			fields: expect.any(Number),
			zh: result.coverage.files['guide/securities-call-wechat-group.yaml']?.fields
		});
	});
});
