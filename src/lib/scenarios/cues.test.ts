/**
 * The cue strategies, each on a small hand-made bank it beats and one it does not.
 */
import { describe, expect, it } from 'vitest';
import {
	auditCues,
	countPhrases,
	lengthRule,
	longestOption,
	mostActionWords,
	stopAt,
	strategyName,
	textLength,
	type CueScore
} from './cues';
import { generateQuestions, type DecideQuestion, type StopQuestion } from './generate';
import type { Bank, CueLists, LocalText, Scenario } from './schema';

const CUES: CueLists = {
	action_words: { zh: ['报警', '核实', '官方'], en: ['report', 'verify', 'official'] },
	self_certifying: { zh: ['官方认证', '不会索要'], en: ['verified', "won't ask"] }
};

const both = (zh: string, en: string): LocalText => ({ zh, en });
const same = (s: string) => both(s, s);

interface StepSpec {
	from?: 'them' | 'you' | 'system';
	flags?: string[];
	text?: LocalText;
}

/** A scenario with sensible defaults; only what a test varies is spelled out. */
function scenario(
	id: string,
	spec: {
		verdict?: 'scam' | 'legitimate';
		steps?: StepSpec[];
		options?: [LocalText, boolean][];
	} = {}
): Scenario {
	const steps = (spec.steps ?? [{ flags: ['decisive'] }, {}]).map((st, i) => ({
		from: st.from ?? 'them',
		speaker: st.from === 'you' || st.from === 'system' ? undefined : same('Zhou'),
		channel: 'call' as const,
		text: st.text ?? same(`line ${i + 1}`),
		flags: st.flags ?? [],
		stage: 'contact' as const
	}));
	return {
		id,
		title: same(id),
		lure: 'lure',
		verdict: spec.verdict ?? 'scam',
		case: null,
		channels: ['call'],
		persona: { name: same('Zhou'), claims: same('staff') },
		steps,
		decisions: [
			{
				id: 'd',
				after_step: 1,
				prompt: same('What now?'),
				options: (
					spec.options ?? [
						[same('a'), true],
						[same('b'), false]
					]
				).map(([text, safe]) => ({ text, safe, outcome: same('then') }))
			}
		],
		safe_actions: [same('hang up')],
		explanation: same('why'),
		sources: ['https://www.mps.gov.cn/']
	};
}

function bank(scenarios: Scenario[]): Bank {
	return {
		redFlags: [
			{
				id: 'decisive',
				name: same('d'),
				explain: same('d'),
				safe_action: same('d'),
				decisive: true
			},
			{ id: 'weak', name: same('w'), explain: same('w'), safe_action: same('w'), decisive: false }
		],
		lures: [{ id: 'lure', name: same('l'), explain: same('l'), safe_action: same('l') }],
		cases: [],
		scenarios
	};
}

function audit(scenarios: Scenario[]): Record<string, CueScore> {
	const b = bank(scenarios);
	return Object.fromEntries(auditCues(b, generateQuestions(b), CUES).map((s) => [s.id, s]));
}

const decideOf = (s: Scenario) =>
	generateQuestions(bank([s])).find((q) => q.kind === 'decide') as DecideQuestion;

describe('pick the longest option', () => {
	it('measures characters, not bytes or UTF-16 units', () => {
		expect(textLength('挂断')).toBe(2);
		expect(textLength('𠮷a')).toBe(2);
	});

	it('picks the longest option in each language on its own', () => {
		const q = decideOf(
			scenario('s', {
				options: [
					[both('挂断电话自己核实', 'Hang up'), true],
					[both('进群', 'Join the group to see what it is'), false]
				]
			})
		);
		expect(longestOption(q, 'zh')).toEqual([0]);
		expect(longestOption(q, 'en')).toEqual([1]);
	});

	it('beats a bank whose safe option is always the longest, and names the questions', () => {
		const long = both(
			'挂断，自己打官方电话问清楚',
			'Hang up and call the official number yourself'
		);
		const scores = audit(
			['a', 'b', 'c'].map((id) =>
				scenario(id, {
					options: [
						[long, true],
						[both('进群', 'Join'), false]
					]
				})
			)
		);
		for (const id of ['longest-option-zh', 'longest-option-en']) {
			expect(scores[id]).toMatchObject({ score: 100, chance: 50, limit: 60, pass: false });
			expect(scores[id]?.right).toEqual(['a/decide/d', 'b/decide/d', 'c/decide/d']);
		}
	});

	it('does not beat a bank where length carries no signal', () => {
		const scores = audit([
			scenario('a', {
				options: [
					[both('不下载', 'Skip it'), true],
					[both('先打群里的热线核实一下', 'Call the hotline in the group first'), false]
				]
			}),
			scenario('b', {
				options: [
					[both('挂断后自己打券商电话', 'Hang up and call the broker yourself'), true],
					[both('进群', 'Join'), false]
				]
			})
		]);
		expect(scores['longest-option-zh']).toMatchObject({ score: 50, pass: true });
		expect(scores['longest-option-en']).toMatchObject({ score: 50, pass: true });
	});

	it('counts a tie as a random pick among the tied options', () => {
		const scores = audit([
			scenario('a', {
				options: [
					[same('ab'), true],
					[same('cd'), false],
					[same('e'), false]
				]
			})
		]);
		expect(scores['longest-option-en']?.score).toBe(50);
		expect(scores['longest-option-en']?.chance).toBe(33.3);
	});
});

describe('pick the most action words', () => {
	it('counts every occurrence, case-insensitively in English', () => {
		expect(
			countPhrases('Report it, then REPORT again and verify', CUES.action_words.en, 'en')
		).toBe(3);
		expect(countPhrases('报警并核实', CUES.action_words.zh, 'zh')).toBe(2);
	});

	it('beats a bank whose safe options are full of careful words', () => {
		const scores = audit(
			['a', 'b'].map((id) =>
				scenario(id, {
					options: [
						[both('报警', 'Report it'), true],
						[both('照做吧', 'Do as told'), false]
					]
				})
			)
		);
		expect(scores['action-words-zh']).toMatchObject({ score: 100, pass: false });
		expect(scores['action-words-en']).toMatchObject({ score: 100, pass: false });
	});

	it('does not beat a bank whose wrong options sound just as careful', () => {
		const q = scenario('a', {
			options: [
				[both('不理他', 'Ignore him'), true],
				[both('打群里的官方热线核实', 'Verify with the official hotline in the group'), false]
			]
		});
		expect(mostActionWords(decideOf(q), 'en', CUES)).toEqual([1]);
		const scores = audit([
			q,
			scenario('b', {
				options: [
					[both('报警', 'Report it'), true],
					[both('转账', 'Pay'), false]
				]
			})
		]);
		expect(scores['action-words-zh']).toMatchObject({ score: 50, pass: true });
		expect(scores['action-words-en']).toMatchObject({ score: 50, pass: true });
	});
});

describe('verdict strategies', () => {
	const legit = (id: string, text: LocalText = same('Your statement is ready in the app')) =>
		scenario(id, { verdict: 'legitimate', steps: [{ text }, {}] });

	it('"always scam" beats a bank with too few genuine look-alikes', () => {
		const scores = audit([scenario('a'), scenario('b'), scenario('c'), legit('d')]);
		expect(scores['always-scam']).toMatchObject({ score: 75, limit: 60, pass: false });
	});

	it('"always scam" does not beat a bank with 40% genuine look-alikes', () => {
		const scores = audit([scenario('a'), scenario('b'), scenario('c'), legit('d'), legit('e')]);
		expect(scores['always-scam']).toMatchObject({ score: 60, pass: true });
	});

	it('"genuine when it vouches for itself" beats look-alikes that reassure', () => {
		const scores = audit([
			scenario('a'),
			scenario('b'),
			legit('c', both('官方认证客服，不会索要验证码', "Verified staff: we won't ask for codes")),
			legit('d', both('官方认证', 'verified'))
		]);
		expect(scores['self-certifying-zh']).toMatchObject({ score: 100, pass: false });
		expect(scores['self-certifying-en']).toMatchObject({ score: 100, pass: false });
	});

	it('"genuine when it vouches for itself" does not beat scams that reassure too', () => {
		const scores = audit([
			scenario('a', { steps: [{ flags: ['decisive'], text: both('官方认证', 'verified') }, {}] }),
			scenario('b'),
			legit('c'),
			legit('d', both('官方认证', 'verified'))
		]);
		expect(scores['self-certifying-zh']).toMatchObject({ score: 50, pass: true });
		expect(scores['self-certifying-en']).toMatchObject({ score: 50, pass: true });
	});
});

describe('tick every message', () => {
	it('beats a bank where every message is flagged', () => {
		const scores = audit([
			scenario('a', { steps: [{ flags: ['decisive'] }, { flags: ['weak'] }] }),
			scenario('b', { steps: [{ flags: ['decisive'] }, { from: 'you' }, { flags: ['weak'] }] })
		]);
		expect(scores['tick-every-message']).toMatchObject({ score: 100, limit: 10, pass: false });
	});

	it('does not beat a bank where some messages are innocent', () => {
		const scores = audit([
			scenario('a', { steps: [{ flags: ['decisive'] }, {}] }),
			scenario('b', { steps: [{}, { flags: ['decisive'] }] })
		]);
		expect(scores['tick-every-message']).toMatchObject({ score: 0, pass: true });
	});
});

describe('stop: always the same position', () => {
	const at = (id: string, k: number, n = 4) =>
		scenario(id, {
			steps: Array.from({ length: n }, (_, i) => (i === k ? { flags: ['decisive'] } : {}))
		});

	it('picks by position among the offered messages, skipping the learner’s own; the last when there are fewer', () => {
		const s = scenario('a', { steps: [{ from: 'you' }, { flags: ['decisive'] }, {}] });
		const q = generateQuestions(bank([s])).find((x) => x.kind === 'stop') as StopQuestion;
		expect(stopAt(q, 1)).toBe(1);
		expect(stopAt(q, 'last')).toBe(2);
		expect(stopAt(q, 3)).toBe(2);
	});

	it('beats a bank where the answer is always the second message, and reports that position', () => {
		const scores = audit([at('a', 1), at('b', 1), at('c', 1), at('d', 2)]);
		expect(scores['stop-same-position']).toMatchObject({
			score: 75,
			chance: 25,
			limit: 40,
			position: 2,
			pass: false
		});
		expect(strategyName(scores['stop-same-position'] as CueScore)).toBe(
			'stop: always the 2nd message'
		);
	});

	it('beats a bank where the answer is always the last message', () => {
		const scores = audit([at('a', 2, 3), at('b', 3, 4), at('c', 4, 5)]);
		expect(scores['stop-same-position']).toMatchObject({ position: 'last', score: 100 });
	});

	it('does not beat a bank where the answer is spread over positions', () => {
		const scores = audit([at('a', 0), at('b', 1), at('c', 2), at('d', 3)]);
		expect(scores['stop-same-position']).toMatchObject({ score: 25, pass: true });
	});
});

describe('the reverse cues', () => {
	const plain = both('挂断', 'Hang up');
	const careful = both(
		'按短信里的官方电话打过去核实',
		'Call the official number in the text to verify'
	);

	it('"pick the shortest" and "fewest action words" beat a bank that overcorrected', () => {
		const scores = audit(
			['a', 'b', 'c'].map((id) =>
				scenario(id, {
					options: [
						[plain, true],
						[careful, false]
					]
				})
			)
		);
		for (const id of ['shortest-option-zh', 'shortest-option-en'])
			expect(scores[id]).toMatchObject({ score: 100, chance: 50, pass: false });
		for (const id of ['fewest-action-words-zh', 'fewest-action-words-en'])
			expect(scores[id]).toMatchObject({ score: 100, pass: false });
		expect(scores['longest-option-zh']).toMatchObject({ score: 0, pass: true });
	});

	it('do not beat a bank where the safe option is sometimes the plain one, sometimes the careful one', () => {
		const scores = audit([
			scenario('a', {
				options: [
					[plain, true],
					[careful, false]
				]
			}),
			scenario('b', {
				options: [
					[careful, true],
					[plain, false]
				]
			})
		]);
		for (const id of ['shortest-option-zh', 'fewest-action-words-en'])
			expect(scores[id]).toMatchObject({ score: 50, pass: true });
	});

	it('"scam when it vouches for itself" beats a bank where only scams vouch', () => {
		const vouch = both('我们是官方认证的', 'we are verified');
		const scores = audit([
			scenario('a', { steps: [{ flags: ['decisive'], text: vouch }, {}] }),
			scenario('b', { steps: [{ flags: ['decisive'], text: vouch }, {}] }),
			scenario('c', { verdict: 'legitimate', steps: [{}, {}] }),
			scenario('d', { verdict: 'legitimate', steps: [{}, {}] })
		]);
		expect(scores['self-certifying-scam-zh']).toMatchObject({ score: 100, pass: false });
		expect(scores['self-certifying-zh']).toMatchObject({ score: 0, pass: true });
	});
});

describe('verdict by script length', () => {
	const steps = (n: number, flagged = false) =>
		Array.from({ length: n }, (_, i) => (flagged && i === 0 ? { flags: ['decisive'] } : {}));

	it('the fitted rule finds the threshold and direction that score best', () => {
		const rule = lengthRule([
			{ length: 9, answer: 'scam' },
			{ length: 8, answer: 'scam' },
			{ length: 5, answer: 'legitimate' },
			{ length: 4, answer: 'legitimate' }
		]);
		expect(rule).toMatchObject({ threshold: 8, longIsScam: true });
		expect(rule.answers).toEqual(['scam', 'scam', 'legitimate', 'legitimate']);
	});

	it('beats a bank whose scams are all longer than its genuine look-alikes', () => {
		const scores = audit([
			scenario('a', { steps: steps(8, true) }),
			scenario('b', { steps: steps(9, true) }),
			scenario('c', { verdict: 'legitimate', steps: steps(3) }),
			scenario('d', { verdict: 'legitimate', steps: steps(4) })
		]);
		expect(scores['long-script-steps']).toMatchObject({ score: 100, limit: 65, pass: false });
		expect(strategyName({ id: 'long-script-steps' })).toBe('verdict: by script length (steps)');
	});

	it('does not beat a bank where lengths overlap', () => {
		const scores = audit([
			scenario('a', { steps: steps(4, true) }),
			scenario('b', { steps: steps(8, true) }),
			scenario('c', { verdict: 'legitimate', steps: steps(4) }),
			scenario('d', { verdict: 'legitimate', steps: steps(8) })
		]);
		expect(scores['long-script-steps']?.pass).toBe(true);
		expect(scores['long-script-steps']?.score).toBeLessThanOrEqual(65);
	});
});
