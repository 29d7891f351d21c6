import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import {
	deckSpec,
	fromView,
	hostReducer,
	joinUrlFor,
	nextAction,
	roomOptions,
	tallyBars
} from './host-client';
import type { HostView, LiveEvent, LiveQuestion, Tally } from './protocol';

const question: LiveQuestion = {
	index: 0,
	id: 'q0',
	kind: 'verdict',
	scenarioId: 's',
	visibleSteps: 3,
	choices: [0, 1],
	multi: false
};

function view(over: Partial<HostView> = {}): HostView {
	return {
		role: 'host',
		code: 'ABCDEF',
		seq: 1,
		options: {
			deck: { kind: 'quick' },
			timer: { enabled: false, seconds: 30 },
			scoring: 'correctness',
			names: 'nicknames'
		},
		questionIds: ['q0', 'q1'],
		phase: 'lobby',
		questionIndex: -1,
		questionCount: 2,
		question: null,
		deadline: null,
		at: 1000,
		players: [],
		tally: null,
		reveal: null,
		report: null,
		checkProgress: null,
		check: null,
		...over
	};
}

const tally = (counts: number[], questionIndex = 0): Tally => ({
	questionIndex,
	choices: [0, 1],
	counts,
	answered: counts.reduce((a, b) => a + b, 0),
	players: 3
});

function run(events: LiveEvent[]) {
	return events.reduce((s, e) => hostReducer(s, e, 1000), null as ReturnType<typeof hostReducer>);
}

describe('host reducer', () => {
	it('starts from a snapshot and adds players once, even when an event repeats', () => {
		const joined: LiveEvent = {
			id: 2,
			event: 'player-joined',
			data: { player: { id: 'p1', nickname: '<b>Ana</b>', score: 0 }, players: 1 }
		};
		const s = run([{ id: 1, event: 'snapshot', data: view() }, joined, joined]);
		expect(s?.view.players).toEqual([{ id: 'p1', nickname: '<b>Ana</b>', score: 0 }]);
		expect(s?.seq).toBe(2);
	});

	it('ignores events before the first snapshot and events older than the state', () => {
		expect(run([{ id: 3, event: 'tally', data: tally([1, 0]) }])).toBeNull();
		const s = run([
			{
				id: 5,
				event: 'snapshot',
				data: view({ seq: 5, phase: 'open', questionIndex: 0, question })
			},
			{ id: 4, event: 'phase', data: { ...view(), phase: 'lobby' } }
		]);
		expect(s?.view.phase).toBe('open');
	});

	it('follows tallies of the current question, then clears them for the next one', () => {
		const open = view({ phase: 'open', questionIndex: 0, question });
		let s = run([
			{ id: 1, event: 'snapshot', data: open },
			{ id: 2, event: 'tally', data: tally([1, 0]) },
			{ id: 3, event: 'tally', data: tally([2, 1]) },
			{ id: 3, event: 'tally', data: tally([9, 9], 1) }
		]);
		expect(s?.view.tally?.counts).toEqual([2, 1]);
		s = hostReducer(
			s,
			{
				id: 4,
				event: 'phase',
				data: {
					phase: 'open',
					questionIndex: 1,
					questionCount: 2,
					question: { ...question, index: 1, id: 'q1' },
					deadline: null,
					check: null,
					at: 2000
				}
			},
			2000
		);
		expect(s?.view.tally).toBeNull();
		expect(s?.view.question?.id).toBe('q1');
	});

	it('applies the reveal with the same id as its phase event, and the scores it carries', () => {
		const s = run([
			{
				id: 1,
				event: 'snapshot',
				data: view({
					phase: 'closed',
					questionIndex: 0,
					question,
					players: [{ id: 'p1', nickname: 'A', score: 0 }]
				})
			},
			{ id: 2, event: 'phase', data: { ...view(), phase: 'reveal', questionIndex: 0, question } },
			{
				id: 2,
				event: 'reveal',
				data: {
					questionIndex: 0,
					expected: [0],
					tally: tally([1, 0]),
					percentCorrect: 100,
					leaderboard: [{ id: 'p1', nickname: 'A', score: 100 }]
				}
			}
		]);
		expect(s?.view.phase).toBe('reveal');
		expect(s?.view.reveal?.expected).toEqual([0]);
		expect(s?.view.players[0]?.score).toBe(100);
	});

	it('measures the server clock against ours for countdowns', () => {
		expect(fromView(view({ at: 5000 }), 4000).clockOffset).toBe(1000);
	});
});

describe('presenter flow', () => {
	it('walks start → close → reveal → discuss → next, and stops at the report', () => {
		expect(
			(['lobby', 'open', 'closed', 'reveal', 'discussion', 'report'] as const).map(nextAction)
		).toEqual(['start', 'close', 'reveal', 'discuss', 'next', null]);
	});
});

describe('new-session form', () => {
	const catalog = shippedCatalog();

	it('turns hand-picked scenarios into all their questions, and refuses an empty pick', () => {
		const s = catalog.bank.scenarios[0];
		const spec = deckSpec(catalog, { kind: 'scenarios', scenarioIds: [s?.id ?? ''] });
		expect(spec?.kind).toBe('ids');
		if (spec?.kind === 'ids') {
			expect(spec.ids.length).toBeGreaterThan(0);
			expect(spec.ids.every((id) => catalog.question.get(id)?.scenarioId === s?.id)).toBe(true);
		}
		expect(deckSpec(catalog, { kind: 'scenarios', scenarioIds: [] })).toBeNull();
		expect(deckSpec(catalog, { kind: 'missed', ids: [] })).toBeNull();
	});

	it('clamps the timer to what the server accepts', () => {
		const o = roomOptions(catalog, {
			deck: { kind: 'quick' },
			scoring: 'correctness',
			names: 'anonymous',
			timer: true,
			seconds: 2
		});
		expect(o?.timer).toEqual({ enabled: true, seconds: 5 });
		expect(o?.names).toBe('anonymous');
	});
});

describe('tally bars', () => {
	it('shows counts per choice, marking the right ones only after the reveal', () => {
		const open = tallyBars(question, tally([2, 1]), null);
		expect(open.map((b) => [b.label, b.value, b.tone])).toEqual([
			['1. Scam', 2, 'neutral'],
			['2. Legitimate', 1, 'neutral']
		]);
		expect(tallyBars(question, tally([2, 1]), [1]).map((b) => b.tone)).toEqual(['bad', 'good']);
		expect(tallyBars(question, null, null).map((b) => b.value)).toEqual([0, 0]);
	});

	it('names a step by its script number only, as the phones and the script do', () => {
		// Steps 1 and 2 (0-based) are offered: phones badge them "2" and "3", the script says message 3.
		const stop: LiveQuestion = { ...question, kind: 'stop', choices: [1, 2], multi: false };
		expect(tallyBars(stop, tally([0, 4]), [2]).map((b) => b.label)).toEqual([
			'Message 2',
			'Message 3'
		]);
	});
});

describe('a typed join address', () => {
	it('becomes the room’s join URL on that host and port', () => {
		expect(joinUrlFor('192.168.1.20:3000', 'AB2C3D')).toBe('http://192.168.1.20:3000/live/AB2C3D');
		expect(joinUrlFor(' quiz.example.org ', 'AB2C3D')).toBe('http://quiz.example.org/live/AB2C3D');
		expect(joinUrlFor('https://quiz.example.org/anything?x=1', 'AB2C3D')).toBe(
			'https://quiz.example.org/live/AB2C3D'
		);
	});

	it('is refused when it is not an address', () => {
		for (const bad of [
			'',
			'   ',
			'two words',
			'javascript:alert(1)',
			'ftp://x.org',
			'http://u:p@x.org'
		])
			expect(joinUrlFor(bad, 'AB2C3D')).toBeNull();
	});
});

describe('host view during a check', () => {
	const check = { stage: 'pre' as const, form: 'a', items: ['s1', 's2'] };
	const progress = (answers: number, stage: 'pre' | 'post' = 'pre') => ({
		stage,
		items: 2,
		answers,
		started: 1,
		finished: 0,
		players: 3
	});

	it('the clicker ends a check with "next"', () => {
		expect(nextAction('check')).toBe('next');
	});

	it('keeps the count of the open check, and drops it when the check closes', () => {
		let s = run([{ id: 1, event: 'snapshot', data: view({ phase: 'check', check }) }]);
		s = hostReducer(s, { id: 2, event: 'check-progress', data: progress(3) }, 1000);
		expect(s?.view.checkProgress?.answers).toBe(3);
		// A count of another check is not this one's.
		s = hostReducer(s, { id: 3, event: 'check-progress', data: progress(9, 'post') }, 1000);
		expect(s?.view.checkProgress?.answers).toBe(3);
		s = hostReducer(
			s,
			{
				id: 4,
				event: 'phase',
				data: {
					phase: 'open',
					questionIndex: 0,
					questionCount: 2,
					question,
					deadline: null,
					check: null,
					at: 2000
				}
			},
			2000
		);
		expect(s?.view.checkProgress).toBeNull();
		expect(s?.view.check).toBeNull();
	});
});
