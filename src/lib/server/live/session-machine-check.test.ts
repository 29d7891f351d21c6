/**
 * The check phases of the session machine: every path through a session with a before- and an
 * after-check, the named guards that refuse check answers, and a replay of the same events giving the
 * same room (what a restart relies on).
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { buildDeck } from '$lib/quiz/deck';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import type { CheckStage, RoomOptions } from '$lib/live/protocol';
import {
	checkRefusal,
	checkStageOf,
	createSessionMachine,
	phaseOf,
	type SessionEvent
} from './session-machine';
import { buildReport, checkProgressOf, checkRepliesOf } from './views';

const catalog = shippedCatalog();
const machine = createSessionMachine(catalog);
const questionIds = buildDeck(catalog, { kind: 'quick' }, 42).slice(0, 2);
const forms = catalog.bank.forms ?? [];
const options: RoomOptions = {
	deck: { kind: 'quick' },
	timer: { enabled: false, seconds: 30 },
	scoring: 'correctness',
	names: 'anonymous',
	checks: { pre: true, post: true }
};

function events(checks: { pre: boolean; post: boolean }): SessionEvent[] {
	return [
		{
			type: 'system.create',
			code: 'ABCDEF',
			options: { ...options, checks },
			questionIds,
			seed: 1,
			checks: {
				...(checks.pre ? { pre: { form: 'a', items: [...forms[0]!.scenarios] } } : {}),
				...(checks.post ? { post: { form: 'b', items: [...forms[1]!.scenarios] } } : {})
			},
			at: 0
		},
		{ type: 'player.join', playerId: 'p1', nickname: '#1', key: '#1', tokenHash: 'h1', at: 1 },
		{ type: 'player.join', playerId: 'p2', nickname: '#2', key: '#2', tokenHash: 'h2', at: 2 }
	];
}

function run(list: SessionEvent[]) {
	const actor = createActor(machine).start();
	for (const e of list) actor.send(e);
	return actor;
}

const reply = (playerId: string, stage: CheckStage, item: number, at = 10): SessionEvent => ({
	type: 'player.check',
	playerId,
	stage,
	item,
	said: 'scam',
	confidence: 'sure',
	at
});

describe('a session with checks', () => {
	it('lobby → before-check → questions → after-check → report', () => {
		const actor = run(events({ pre: true, post: true }));
		actor.send({ type: 'host.start', at: 5 });
		expect(phaseOf(actor.getSnapshot())).toBe('check');
		expect(checkStageOf(actor.getSnapshot())).toBe('pre');
		actor.send(reply('p1', 'pre', 0));
		actor.send(reply('p1', 'pre', 0, 11)); // refused by the guard: answered already
		actor.send(reply('p1', 'post', 1)); // refused: not the open check
		expect(checkProgressOf(actor.getSnapshot())).toMatchObject({ answers: 1, started: 1 });
		actor.send({ type: 'host.next', at: 20 });
		expect(phaseOf(actor.getSnapshot())).toBe('open');
		actor.send(reply('p2', 'pre', 1)); // refused: the check is over
		actor.send({ type: 'host.close', at: 30 });
		actor.send({ type: 'host.reveal', at: 31 });
		actor.send({ type: 'host.next', at: 32 });
		actor.send({ type: 'host.close', at: 33 });
		actor.send({ type: 'host.reveal', at: 34 });
		// "next" on the last question opens the after-check, not the report.
		actor.send({ type: 'host.next', at: 35 });
		expect(checkStageOf(actor.getSnapshot())).toBe('post');
		actor.send(reply('p2', 'post', 3));
		actor.send({ type: 'host.next', at: 40 });
		expect(phaseOf(actor.getSnapshot())).toBe('report');
		const c = actor.getSnapshot().context;
		expect(c.checks.pre?.count).toBe(1);
		expect(c.checks.post?.count).toBe(1);
		expect(checkRepliesOf(c, 'pre', 'p1')?.[0]).toMatchObject({ said: 'scam', at: 10 });
		expect(buildReport(catalog, c).checks?.both).toBe(0);
	});

	it('"end" during the training goes to the after-check; "end" there, or before it, to the report', () => {
		for (const from of ['open', 'closed', 'reveal', 'discussion'] as const) {
			const actor = run(events({ pre: false, post: true }));
			actor.send({ type: 'host.start', at: 5 });
			if (from !== 'open') actor.send({ type: 'host.close', at: 6 });
			if (from === 'reveal' || from === 'discussion') actor.send({ type: 'host.reveal', at: 7 });
			if (from === 'discussion') actor.send({ type: 'host.discuss', at: 8 });
			expect(phaseOf(actor.getSnapshot())).toBe(from);
			actor.send({ type: 'host.end', at: 9 });
			expect(checkStageOf(actor.getSnapshot()), from).toBe('post');
			actor.send({ type: 'host.end', at: 10 });
			expect(phaseOf(actor.getSnapshot())).toBe('report');
		}
		const early = run(events({ pre: true, post: true }));
		early.send({ type: 'host.start', at: 5 });
		early.send({ type: 'host.end', at: 6 });
		expect(phaseOf(early.getSnapshot())).toBe('report');
	});

	it('without a before-check "start" opens the first question; without an after-check the last "next" reports', () => {
		const actor = run(events({ pre: false, post: false }));
		actor.send({ type: 'host.start', at: 5 });
		expect(phaseOf(actor.getSnapshot())).toBe('open');
		expect(checkProgressOf(actor.getSnapshot())).toBeNull();
		for (let i = 0; i < questionIds.length; i++) {
			actor.send({ type: 'host.close', at: 10 + i });
			actor.send({ type: 'host.reveal', at: 10 + i });
			actor.send({ type: 'host.next', at: 10 + i });
		}
		expect(phaseOf(actor.getSnapshot())).toBe('report');
		expect(buildReport(catalog, actor.getSnapshot().context).checks).toBeUndefined();
	});

	it('names why a check answer is refused', () => {
		const actor = run(events({ pre: true, post: true }));
		const c = () => actor.getSnapshot().context;
		const e = (over: Partial<Extract<SessionEvent, { type: 'player.check' }>>) =>
			({ ...reply('p1', 'pre', 0), ...over }) as Extract<SessionEvent, { type: 'player.check' }>;
		expect(checkRefusal(c(), e({}), null)).toBe('not-in-check');
		actor.send({ type: 'host.start', at: 5 });
		expect(checkRefusal(c(), e({ playerId: 'p9' }), 'pre')).toBe('player-not-found');
		expect(checkRefusal(c(), e({ stage: 'post' }), 'pre')).toBe('not-in-check');
		expect(checkRefusal(c(), e({ item: 12 }), 'pre')).toBe('invalid-answer');
		expect(checkRefusal(c(), e({}), 'pre')).toBeNull();
		actor.send(e({}));
		expect(checkRefusal(c(), e({}), 'pre')).toBe('already-answered');
	});

	it('a replay of the same events gives the same room', () => {
		const list: SessionEvent[] = [
			...events({ pre: true, post: true }),
			{ type: 'host.start', at: 5 },
			...forms[0]!.scenarios.map((_, i) => reply('p1', 'pre', i, 10 + i)),
			reply('p2', 'pre', 3, 30)
		];
		const a = run(list).getSnapshot().context;
		const b = run(list).getSnapshot().context;
		expect(checkRepliesOf(b, 'pre', 'p1')).toEqual(checkRepliesOf(a, 'pre', 'p1'));
		expect(b.checks.pre?.finished).toBe(1);
		expect(b.checks.pre?.count).toBe(13);
		expect(b.checks.pre?.items).toEqual(a.checks.pre?.items);
	});
});
