import { describe, expect, it } from 'vitest';
import type { Scenario, Step } from './schema';
import { namesSpeaker, partnerOf, scriptRuns, speakersIn } from './script';

const say = (from: Step['from'], channel: Step['channel'], speaker?: string): Step => ({
	from,
	channel,
	speaker: speaker ? { zh: speaker, en: speaker } : undefined,
	text: { zh: '…', en: '…' },
	flags: [],
	stage: 'contact'
});

const scenario = (steps: Step[]) => ({ steps }) as unknown as Scenario;

describe('who is named in a script mock-up', () => {
	it('names a third person in a one-to-one chat, but not the partner', () => {
		const [run] = scriptRuns(
			scenario([
				say('them', 'wechat', 'Assistant Li'),
				say('you', 'wechat'),
				say('member', 'wechat', 'Teacher Wang'),
				say('them', 'wechat', 'Assistant Li')
			])
		);
		expect(partnerOf(run!)?.en).toBe('Assistant Li');
		expect(run!.steps.map(({ step }) => namesSpeaker(run!, step))).toEqual([
			false,
			false,
			true,
			false
		]);
	});

	it('names every speaker in groups and call transcripts', () => {
		for (const channel of ['wechat-group', 'qq-group', 'call'] as const) {
			const [run] = scriptRuns(scenario([say('them', channel, 'A'), say('member', channel, 'B')]));
			expect(run!.steps.map(({ step }) => namesSpeaker(run!, step))).toEqual([true, true]);
		}
	});

	it('tells speakers apart in a scenario fetched in one language only, as with both', () => {
		const steps = [
			say('them', 'wechat', 'Assistant Li'),
			say('member', 'wechat', 'Teacher Wang'),
			say('them', 'wechat', 'Assistant Li')
		];
		const names: Record<string, string> = { 'Assistant Li': '李助理', 'Teacher Wang': '王老师' };
		for (const only of ['zh', 'en'] as const) {
			const inOne = steps.map((step) => ({
				...step,
				speaker: { [only]: only === 'zh' ? names[step.speaker!.en] : step.speaker!.en }
			})) as Step[];
			const [run] = scriptRuns(scenario(inOne));
			expect(
				run!.steps.map(({ step }) => namesSpeaker(run!, step)),
				only
			).toEqual([false, true, false]);
			expect(speakersIn(run!), only).toHaveLength(2);
		}
	});
});
