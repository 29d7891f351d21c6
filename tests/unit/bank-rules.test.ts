/**
 * Bank-wide rules and the cue audit as the checker enforces them: the fixture bank passes; a variant of it
 * that breaks one limit fails, naming the strategy, the limit and the questions it gets right.
 */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
	BANK_RULES,
	checkBank,
	DRAFT_RULES,
	formatProblem,
	MAX_KEYED_MESSAGES,
	MAX_YAML_DEPTH,
	publisherOf,
	type Problem
} from '../../src/lib/scenarios/check';
import { sourceUrlProblem, unmatchedQuote, type Scenario } from '../../src/lib/scenarios/schema';
import { fixtureBankWith, fixtureScenarios } from './fixture-bank';

type Raw = Scenario & Record<string, unknown>;

/** The fixture bank with each scenario passed through `change` (return null to drop it). */
function variant(change: (s: Raw) => Raw | null) {
	const scenarios = fixtureScenarios().flatMap((file) => {
		const changed = change(parse(file.text) as Raw);
		return changed ? [{ path: file.path, text: stringify(changed) }] : [];
	});
	return checkBank(fixtureBankWith(scenarios), { rules: DRAFT_RULES });
}

function problems(result: ReturnType<typeof variant>): Problem[] {
	return result.ok ? [] : result.problems;
}

const FOLDER = 'tests/fixtures/bank/scenarios';

describe('the fixture bank', () => {
	it('passes every rule but the bank-size targets, with its audit figures', () => {
		const result = variant((s) => s);
		expect(problems(result)).toEqual([]);
		expect(result.coverage.percent).toBe(100);
		expect(result.cues?.map((c) => c.id)).toEqual([
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
		]);
		expect(result.cues?.every((c) => c.pass && c.questions > 0)).toBe(true);
	});

	it('fails the shipped bank’s size targets, naming each', () => {
		const result = checkBank(fixtureBankWith(fixtureScenarios()), { rules: BANK_RULES });
		expect(problems(result).map(formatProblem)).toEqual([
			`${FOLDER}: bank: has 5 scenarios; the bank needs at least 60`,
			`${FOLDER}: bank: has 2 legitimate scenarios; the bank needs at least 24 genuine look-alikes`,
			`${FOLDER}: case 1: has 0 scams; every seed case needs at least 3`
		]);
		// The bank is valid file by file, so its figures are still there to print.
		expect(result.ok ? null : result.bank?.scenarios).toHaveLength(5);
	});
});

describe('each cue limit, broken by a variant of the fixture bank', () => {
	const safeFirst = (s: Raw, add: (o: { zh: string; en: string }) => void) => {
		for (const d of s.decisions) for (const o of d.options) if (o.safe) add(o.text);
		return s;
	};
	const cases: [string, (s: Raw) => Raw | null, string][] = [
		[
			'longest-option-zh',
			(s) => safeFirst(s, (t) => (t.zh += '，先停下来，想一想，再决定怎么做，这样最稳妥。')),
			'limit of 60% (chance 50% + 10 points)'
		],
		[
			'longest-option-en',
			(s) =>
				safeFirst(s, (t) => (t.en += ' Then take a moment and think it over before anything.')),
			'limit of 60% (chance 50% + 10 points)'
		],
		[
			'action-words-zh',
			(s) => safeFirst(s, (t) => (t.zh += '报警、核实、确认、挂断、拒绝、举报。')),
			'limit of 60% (chance 50% + 10 points)'
		],
		[
			'action-words-en',
			(s) => safeFirst(s, (t) => (t.en += ' Report, verify, confirm, refuse, block, hang up.')),
			'limit of 60% (chance 50% + 10 points)'
		],
		[
			'always-scam',
			(s) => (s.id === 'legit-broker-statement-sms' ? null : s),
			'limit of 60% (at most 60%)'
		],
		[
			'self-certifying-zh',
			(s) => {
				if (s.verdict === 'legitimate' && s.steps[0]) s.steps[0].text.zh += '（官方认证）';
				return s;
			},
			'limit of 60% (chance 50% + 10 points)'
		],
		[
			'self-certifying-en',
			(s) => {
				if (s.verdict === 'legitimate' && s.steps[0]) s.steps[0].text.en += ' (verified)';
				return s;
			},
			'limit of 60% (chance 50% + 10 points)'
		],
		[
			'tick-every-message',
			(s) => {
				if (s.verdict === 'scam')
					for (const st of s.steps)
						if (st.from !== 'you' && !st.flags?.length) st.flags = ['urgency'];
				return s;
			},
			'limit of 10% (at most 10%)'
		],
		[
			'stop-same-position',
			(s) => {
				if (s.verdict === 'scam' && s.steps[0]) s.steps[0].flags = ['stock-tips-offer'];
				return s;
			},
			'limit of 40% (chance 25% + 15 points)'
		]
	];
	for (const [id, change, limit] of cases) {
		it(`fails ${id}, naming the strategy, its limit and the questions it gets right`, () => {
			const result = variant(change);
			expect(result.ok).toBe(false);
			const found = problems(result).find((p) => p.path === `cue audit: ${id}`);
			expect(found?.file).toBe(FOLDER);
			expect(found?.message).toContain(limit);
			const score = result.cues?.find((c) => c.id === id);
			expect(score?.pass).toBe(false);
			expect(found?.message).toContain(`it gets these right: ${score?.right.join(', ')}`);
			expect(score?.right.length).toBeGreaterThan(0);
		});
	}
});

describe('bank-wide content rules', () => {
	it('caps the share of flagged scam messages at 60%', () => {
		const result = variant((s) => {
			if (s.id === 'broker-app-deposit' && s.steps[1]) s.steps[1].flags = ['urgency'];
			return s;
		});
		expect(problems(result).map(formatProblem)).toContain(
			`${FOLDER}: flags: 8 of 12 scam messages (66.7%) carry a red flag; at most 60% may, so that spotting the flags is not "tick every message"`
		);
	});

	it('wants a genuine twin on the same channel for every lure type with scams', () => {
		const result = variant((s) => {
			if (s.verdict === 'legitimate') s.channels = ['sms'];
			if (s.verdict === 'legitimate') for (const st of s.steps) st.channel = 'sms';
			return s;
		});
		expect(problems(result).map(formatProblem)).toContain(
			`${FOLDER}: lure securities-service: has scams but no legitimate scenario on the same channel (its scams use: app, call, wechat)`
		);
	});
});

describe('number keys', () => {
	it('refuses a scam with more than nine messages from others, which keys 1–9 cannot all pick', () => {
		const result = variant((s) => {
			if (s.verdict === 'scam' && s.id === 'broker-app-deposit') {
				const step = s.steps.find((st) => st.from !== 'you')!;
				while (s.steps.filter((st) => st.from !== 'you').length <= MAX_KEYED_MESSAGES)
					s.steps.push({ ...step, flags: [], stage: s.steps.at(-1)!.stage });
			}
			return s;
		});
		expect(problems(result).map(formatProblem)).toContainEqual(
			expect.stringMatching(
				/broker-app-deposit\.yaml: steps: a scam shows at most 9 messages from others \(number keys 1–9 pick them\); this one has 10/
			)
		);
	});
});

describe('sources', () => {
	it('accepts only plain https URLs, with a reason for each refusal', () => {
		expect(sourceUrlProblem('https://www.mps.gov.cn/x')).toBeNull();
		expect(sourceUrlProblem('javascript:alert(1)')).toContain('"javascript:" link is not allowed');
		expect(sourceUrlProblem('JavaScript:alert(1)')).toContain('"javascript:" link');
		expect(sourceUrlProblem('http://www.mps.gov.cn/')).toContain('"http:" link');
		expect(sourceUrlProblem('data:text/html,x')).toContain('"data:" link');
		expect(sourceUrlProblem('//www.mps.gov.cn/')).toBe('must be a full https:// URL');
		expect(sourceUrlProblem('https://user:pw@www.mps.gov.cn/')).toContain('user name');
	});

	it('matches a publisher by its host or a subdomain, never by a look-alike', () => {
		const list = [
			{ host: 'mps.gov.cn', name: { zh: '公安部', en: 'MPS' }, kind: 'police' as const }
		];
		expect(publisherOf('https://mps.gov.cn/a', list)?.host).toBe('mps.gov.cn');
		expect(publisherOf('https://www.MPS.gov.cn/a', list)?.host).toBe('mps.gov.cn');
		expect(publisherOf('https://fakemps.gov.cn/a', list)).toBeUndefined();
		expect(publisherOf('https://mps.gov.cn.evil.example/a', list)).toBeUndefined();
	});

	it('validates sources.yaml like the other files', () => {
		const files = fixtureBankWith(fixtureScenarios());
		const result = checkBank(
			{
				...files,
				sources: {
					path: 'sources.yaml',
					text: '- host: https://mps.gov.cn/\n  name: { zh: 公安部, en: MPS }\n  kind: blog\n'
				}
			},
			{ rules: DRAFT_RULES }
		);
		expect(problems(result).map(formatProblem)).toEqual([
			'sources.yaml: [0].host: must be a host name like "mps.gov.cn" (no scheme, path or port)',
			expect.stringMatching(/^sources\.yaml: \[0\]\.kind: must be one of: police, /)
		]);
	});
});

describe('untrusted YAML', () => {
	const scenarioText = (text: string) =>
		checkBank(fixtureBankWith([...fixtureScenarios(), { path: `${FOLDER}/x.yaml`, text }]), {
			rules: DRAFT_RULES
		});

	it('refuses nesting deeper than the limit that the parser itself accepts', () => {
		const depth = MAX_YAML_DEPTH + 4;
		const result = scenarioText(`id: x\nsteps: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
		expect(problems(result)).toEqual([
			{
				file: `${FOLDER}/x.yaml`,
				path: '',
				message: 'nests lists or mappings more than 16 levels deep'
			}
		]);
	});

	it('accepts a few aliases, as authors may reuse a speaker', () => {
		const others = fixtureScenarios().filter(
			(f) => !f.path.endsWith('/code-for-account-upgrade.yaml')
		);
		const base = fixtureScenarios().find((f) => f.path.endsWith('/code-for-account-upgrade.yaml'));
		const text = (base?.text ?? '')
			.replace(/speaker: \{ zh: 刘专员, en: Mr Liu \}/, 'speaker: &liu { zh: 刘专员, en: Mr Liu }')
			.replace(/speaker: \{ zh: 刘专员, en: Mr Liu \}/g, 'speaker: *liu');
		expect(text).toContain('*liu');
		const result = checkBank(fixtureBankWith([...others, { path: base?.path ?? '', text }]), {
			rules: DRAFT_RULES
		});
		expect(problems(result)).toEqual([]);
	});

	it('counts Chinese coverage per file even when the file is invalid', () => {
		const result = scenarioText(
			'id: x\ntitle: English only\npersona: { name: { zh: 小周, en: Zhou }, claims: { en: Staff } }\n'
		);
		expect(result.coverage.files[`${FOLDER}/x.yaml`]).toEqual({ fields: 3, zh: 1 });
		expect(result.coverage.percent).toBeLessThan(100);
	});
});

describe('stray quote marks', () => {
	it('finds an unmatched quote, but not apostrophes or paired quotes', () => {
		expect(unmatchedQuote(`'"Recommended stocks" friend request`)).toBe("'");
		expect(unmatchedQuote('The "teacher said so')).toBe('"');
		expect(unmatchedQuote('“免费荐股')).toBe('“”');
		expect(unmatchedQuote('【中国移动】积分清零')).toBeNull();
		expect(unmatchedQuote(`Don't share the broker's "verification" code`)).toBeNull();
		expect(unmatchedQuote("'Safe account' is a scam word")).toBeNull();
	});
});
