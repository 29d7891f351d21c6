import { describe, expect, it } from 'vitest';
import {
	choiceForKey,
	nextCheckItem,
	playerReducer,
	toggleChoice,
	withAnswer,
	withCheckReply
} from './player-client';
import type { LiveEvent, LiveQuestion, PhaseUpdate, PlayerView } from './protocol';

const q = (index: number): LiveQuestion => ({
	index,
	id: `q${index}`,
	kind: 'decide',
	scenarioId: 's',
	visibleSteps: 2,
	choices: [0, 1, 2],
	multi: false
});

function view(over: Partial<PlayerView> = {}): PlayerView {
	return {
		role: 'player',
		code: 'ABCDEF',
		seq: 3,
		phase: 'open',
		questionIndex: 0,
		questionCount: 2,
		question: q(0),
		deadline: null,
		at: 0,
		me: { id: 'p1', nickname: '李雷 🎉', score: 0 },
		answer: null,
		reveal: null,
		result: null,
		players: 3,
		final: null,
		checkAnswers: null,
		check: null,
		...over
	};
}

const phase = (over: Partial<PhaseUpdate>): PhaseUpdate => ({
	phase: 'open',
	questionIndex: 0,
	questionCount: 2,
	question: q(0),
	deadline: null,
	check: null,
	at: 0,
	...over
});

function run(events: LiveEvent[]) {
	return events.reduce((s, e) => playerReducer(s, e, 0), null as ReturnType<typeof playerReducer>);
}

describe('player reducer', () => {
	it('goes answer → result → next question with the score kept', () => {
		const s = run([
			{ id: 3, event: 'snapshot', data: view() },
			{ id: 4, event: 'answered', data: { questionIndex: 0, selection: [1], at: 1 } },
			{ id: 5, event: 'phase', data: phase({ phase: 'closed' }) },
			{ id: 6, event: 'phase', data: phase({ phase: 'reveal' }) },
			{
				id: 6,
				event: 'result',
				data: { questionIndex: 0, selection: [1], correct: true, points: 100, score: 100 }
			}
		]);
		expect(s?.view.answer).toEqual([1]);
		expect(s?.view.result?.correct).toBe(true);
		expect(s?.view.me.score).toBe(100);
		const next = playerReducer(
			s,
			{ id: 8, event: 'phase', data: phase({ questionIndex: 1, question: q(1) }) },
			0
		);
		expect(next?.view).toMatchObject({
			answer: null,
			result: null,
			reveal: null,
			questionIndex: 1
		});
		expect(next?.view.me.score).toBe(100);
	});

	it('skips events older than a newer snapshot (a reload that overtook the stream)', () => {
		const s = run([
			{ id: 9, event: 'snapshot', data: view({ seq: 9, answer: [2] }) },
			{ id: 4, event: 'answered', data: { questionIndex: 0, selection: [1], at: 1 } }
		]);
		expect(s?.view.answer).toEqual([2]);
	});

	it('ignores an answer confirmation for another question, and host-only events', () => {
		const s = run([
			{ id: 3, event: 'snapshot', data: view() },
			{ id: 4, event: 'answered', data: { questionIndex: 1, selection: [1], at: 1 } },
			{
				id: 5,
				event: 'tally',
				data: { questionIndex: 0, choices: [0], counts: [1], answered: 1, players: 1 }
			}
		]);
		expect(s?.view.answer).toBeNull();
		expect(s?.seq).toBe(3);
	});

	it('ends with the final score and rank', () => {
		const s = run([
			{ id: 3, event: 'snapshot', data: view() },
			{ id: 10, event: 'final', data: { score: 300, rank: 2, players: 3 } }
		]);
		expect(s?.final).toEqual({ score: 300, rank: 2, players: 3 });
		expect(s?.view).toMatchObject({ phase: 'report', me: { score: 300 } });
	});

	it('marks an accepted answer only on the question it was for', () => {
		const s = run([{ id: 3, event: 'snapshot', data: view() }]);
		if (!s) throw new Error('no state');
		expect(withAnswer(s, 0, [1]).view.answer).toEqual([1]);
		expect(withAnswer(s, 1, [1]).view.answer).toBeNull();
	});
});

describe('choices', () => {
	it('toggles multi-select choices in order', () => {
		expect(toggleChoice([3], 1)).toEqual([1, 3]);
		expect(toggleChoice([1, 3], 3)).toEqual([1]);
	});

	it('maps number keys to options, or to message numbers for step questions', () => {
		expect(choiceForKey('decide', [0, 1, 2], '2')).toBe(1);
		expect(choiceForKey('decide', [0, 1, 2], '4')).toBeNull();
		expect(choiceForKey('stop', [1, 2, 4], '3')).toBe(2);
		expect(choiceForKey('flags', [1, 2, 4], '1')).toBeNull();
		expect(choiceForKey('verdict', [0, 1], 'x')).toBeNull();
	});
});

describe('a reload during the report', () => {
	it('keeps the final score and rank from the snapshot', () => {
		const final = { score: 300, rank: 2, players: 3 };
		const s = playerReducer(
			null,
			{ event: 'snapshot', id: 9, data: view({ phase: 'report', seq: 9, final }) } as LiveEvent,
			0
		);
		expect(s?.final).toEqual(final);
	});
});

describe('a phone during a check', () => {
	const check = { stage: 'pre' as const, form: 'a', items: ['s1', 's2', 's3'] };
	const reply = (item: number, stage: 'pre' | 'post' = 'pre') => ({
		stage,
		item,
		said: 'scam' as const,
		confidence: 'sure' as const,
		at: 5
	});

	it('starts a check with nothing answered and moves to the first unanswered item', () => {
		let s = run([{ id: 1, event: 'snapshot', data: view({ phase: 'lobby', question: null }) }]);
		s = playerReducer(
			s,
			{
				id: 4,
				event: 'phase',
				data: phase({ phase: 'check', questionIndex: -1, question: null, check })
			},
			0
		);
		expect(s?.view.checkAnswers).toEqual([null, null, null]);
		expect(nextCheckItem(s!.view)).toBe(0);
		s = playerReducer(s, { id: 5, event: 'check-answered', data: reply(0) }, 0);
		s = { ...s!, view: withCheckReply(s!.view, reply(2)) };
		expect(nextCheckItem(s.view)).toBe(1);
		// An answer to another check, or an item it does not have, changes nothing.
		expect(withCheckReply(s.view, reply(1, 'post'))).toBe(s.view);
		expect(withCheckReply(s.view, reply(7))).toBe(s.view);
		s = { ...s, view: withCheckReply(s.view, reply(1)) };
		expect(nextCheckItem(s.view)).toBeNull();
	});
});
