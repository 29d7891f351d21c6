import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { questionOf } from '$lib/quiz/catalog';
import { buildDeck } from '$lib/quiz/deck';
import { grade } from '$lib/quiz/grade';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import type { RoomOptions } from '$lib/live/protocol';
import {
	answerRefusal,
	createSessionMachine,
	phaseOf,
	pointsFor,
	type SessionEvent
} from './session-machine';
import { buildReport, messagesFor, tallyOf } from './views';

const catalog = shippedCatalog();
const machine = createSessionMachine(catalog);
const questionIds = buildDeck(catalog, { kind: 'quick' }, 42);

function options(over: Partial<RoomOptions> = {}): RoomOptions {
	return {
		deck: { kind: 'quick' },
		timer: { enabled: false, seconds: 30 },
		scoring: 'correctness',
		names: 'nicknames',
		...over
	};
}

/** A room created at t=0 with players p1..pn. */
function room(players = 3, over: Partial<RoomOptions> = {}) {
	const actor = createActor(machine).start();
	actor.send({ type: 'system.create', code: 'ABCDEF', options: options(over), questionIds, at: 0 });
	for (let i = 1; i <= players; i++)
		actor.send({
			type: 'player.join',
			playerId: `p${i}`,
			nickname: `Player ${i}`,
			key: `player ${i}`,
			tokenHash: `hash${i}`,
			at: i
		});
	return actor;
}

function right(index: number): number[] {
	const q = questionOf(catalog, questionIds[index] ?? '');
	const expected = grade(q, []).expected;
	return q.kind === 'flags' ? expected : [expected[0] ?? 0];
}

function wrong(index: number): number[] {
	const q = questionOf(catalog, questionIds[index] ?? '');
	if (q.kind === 'verdict') return [1 - (right(index)[0] ?? 0)];
	if (q.kind === 'decide') return [q.options.findIndex((o) => !o.safe)];
	return [q.choices.find((c) => !right(index).includes(c)) ?? 0];
}

function answer(playerId: string, questionIndex: number, selection: number[], at = 1000) {
	return { type: 'player.answer', playerId, questionIndex, selection, at } as const;
}

describe('session machine: lobby', () => {
	it('opens a lobby on create and takes players in join order', () => {
		const actor = room(3);
		const snap = actor.getSnapshot();
		expect(phaseOf(snap)).toBe('lobby');
		expect(snap.context.playerIds).toEqual(['p1', 'p2', 'p3']);
		expect(snap.context.nicknames.get('player 2')).toBe('p2');
	});

	it('refuses a nickname already taken (case-insensitive key) without changing the room', () => {
		const actor = room(1);
		const dup: SessionEvent = {
			type: 'player.join',
			playerId: 'p2',
			nickname: 'PLAYER 1',
			key: 'player 1',
			tokenHash: 'x',
			at: 5
		};
		expect(actor.getSnapshot().can(dup)).toBe(false);
		actor.send(dup);
		expect(actor.getSnapshot().context.playerIds).toEqual(['p1']);
	});

	it('stays idle when the deck is empty', () => {
		const actor = createActor(machine).start();
		actor.send({ type: 'system.create', code: 'X', options: options(), questionIds: [], at: 0 });
		expect(actor.getSnapshot().value).toBe('idle');
	});
});

describe('session machine: a question', () => {
	it('goes open → closed → reveal → discussion → next question', () => {
		const actor = room(2);
		actor.send({ type: 'host.start', at: 100 });
		expect(phaseOf(actor.getSnapshot())).toBe('open');
		expect(actor.getSnapshot().context.index).toBe(0);
		actor.send({ type: 'host.close', at: 200 });
		expect(phaseOf(actor.getSnapshot())).toBe('closed');
		actor.send({ type: 'host.reveal', at: 300 });
		expect(phaseOf(actor.getSnapshot())).toBe('reveal');
		actor.send({ type: 'host.discuss', at: 400 });
		expect(phaseOf(actor.getSnapshot())).toBe('discussion');
		actor.send({ type: 'host.next', at: 500 });
		expect(phaseOf(actor.getSnapshot())).toBe('open');
		expect(actor.getSnapshot().context.index).toBe(1);
	});

	it('counts an answer once: a second answer by the same player is refused', () => {
		const actor = room(2);
		actor.send({ type: 'host.start', at: 100 });
		actor.send(answer('p1', 0, right(0)));

		const again = answer('p1', 0, wrong(0), 1100);
		const before = actor.getSnapshot().context.counts[0];
		expect(answerRefusal(catalog, actor.getSnapshot().context, again, true)).toBe(
			'already-answered'
		);
		actor.send(again);

		const tally = tallyOf(catalog, actor.getSnapshot().context, 0);
		expect(tally?.answered).toBe(1);
		expect(actor.getSnapshot().context.counts[0]).toEqual(before);
		expect(actor.getSnapshot().context.answers[0]?.get('p1')?.selection).toEqual(right(0));
	});

	it('refuses answers after close, to a later question, from strangers and malformed ones', () => {
		const actor = room(2);
		actor.send({ type: 'host.start', at: 100 });
		const ctx = () => actor.getSnapshot().context;
		expect(answerRefusal(catalog, ctx(), answer('p9', 0, right(0)), true)).toBe('player-not-found');
		expect(answerRefusal(catalog, ctx(), answer('p1', 1, right(1)), true)).toBe('wrong-phase');
		expect(answerRefusal(catalog, ctx(), answer('p1', 0, [99]), true)).toBe('invalid-answer');
		actor.send({ type: 'host.close', at: 200 });
		const late = answer('p2', 0, right(0), 300);
		expect(answerRefusal(catalog, ctx(), late, false)).toBe('question-closed');
		actor.send(late);
		expect(tallyOf(catalog, ctx(), 0)?.answered).toBe(0);
	});

	it('tallies picks per choice without saying who picked what', () => {
		const actor = room(3);
		actor.send({ type: 'host.start', at: 100 });
		actor.send(answer('p1', 0, right(0)));
		actor.send(answer('p2', 0, right(0)));
		actor.send(answer('p3', 0, wrong(0)));

		const tally = tallyOf(catalog, actor.getSnapshot().context, 0);
		const at = (choice: number) => tally?.counts[tally.choices.indexOf(choice)] ?? 0;

		expect(tally?.answered).toBe(3);
		expect(tally?.players).toBe(3);
		for (const c of right(0)) expect(at(c)).toBeGreaterThanOrEqual(2);
		expect(JSON.stringify(tally)).not.toContain('p1');
	});

	it('scores only when the question closes, so scores give nothing away while it is open', () => {
		const actor = room(2);
		actor.send({ type: 'host.start', at: 100 });
		actor.send(answer('p1', 0, right(0)));
		actor.send(answer('p2', 0, wrong(0)));
		expect(actor.getSnapshot().context.players.get('p1')?.score).toBe(0);

		actor.send({ type: 'host.close', at: 2000 });

		expect(actor.getSnapshot().context.players.get('p1')?.score).toBe(100);
		expect(actor.getSnapshot().context.players.get('p2')?.score).toBe(0);
	});

	it('gives a speed bonus that fades over the timer', () => {
		const timed = options({ scoring: 'speed-bonus', timer: { enabled: true, seconds: 20 } });
		expect(pointsFor(timed, true, 0)).toBe(200);
		expect(pointsFor(timed, true, 10_000)).toBe(150);
		expect(pointsFor(timed, true, 25_000)).toBe(100);
		expect(pointsFor(timed, false, 0)).toBe(0);
		expect(pointsFor(options(), true, 0)).toBe(100);
	});

	it('closes a timed question on its own timer event and refuses answers past the deadline', () => {
		const actor = room(2, { timer: { enabled: true, seconds: 10 } });
		actor.send({ type: 'host.start', at: 1000 });
		expect(actor.getSnapshot().context.deadline).toBe(11_000);
		const late = answer('p1', 0, right(0), 11_001);
		expect(answerRefusal(catalog, actor.getSnapshot().context, late, true)).toBe('question-closed');

		actor.send({ type: 'timer.expired', questionIndex: 5, at: 11_000 });
		expect(phaseOf(actor.getSnapshot())).toBe('open');
		actor.send({ type: 'timer.expired', questionIndex: 0, at: 11_000 });
		expect(phaseOf(actor.getSnapshot())).toBe('closed');
	});

	it('lets a late joiner in mid-question and lets them answer it', () => {
		const actor = room(1);
		actor.send({ type: 'host.start', at: 100 });
		actor.send({
			type: 'player.join',
			playerId: 'p2',
			nickname: 'Late',
			key: 'late',
			tokenHash: 'h',
			at: 150
		});
		actor.send(answer('p2', 0, right(0)));
		expect(tallyOf(catalog, actor.getSnapshot().context, 0)?.answered).toBe(1);
	});
});

describe('session machine: the end', () => {
	it('reaches the report after the last question and builds the team report', () => {
		const actor = room(2);
		actor.send({ type: 'host.start', at: 0 });
		questionIds.forEach((_, i) => {
			actor.send(answer('p1', i, right(i)));
			if (i === 0) actor.send(answer('p2', i, wrong(i)));
			actor.send({ type: 'host.close', at: 10 });
			actor.send({ type: 'host.reveal', at: 20 });
			actor.send({ type: 'host.next', at: 30 });
		});
		const snap = actor.getSnapshot();
		expect(phaseOf(snap)).toBe('report');

		const report = buildReport(catalog, snap.context);

		expect(report.questions).toHaveLength(questionIds.length);
		expect(report.questions[0]).toMatchObject({ answers: 2, correct: 1, percent: 50 });
		expect(report.questions[1]).toMatchObject({ answers: 1, correct: 1, unanswered: 1 });
		expect(report.missedQuestionIds).toEqual([questionIds[0]]);
		const missed = questionOf(catalog, questionIds[0] ?? '').scenarioId;
		expect(report.mostMissed[0]?.scenarioId).toBe(missed);
		expect(report.lures.length).toBeGreaterThan(0);
		expect(report.redFlags.every((f) => f.answers > 0)).toBe(true);
		expect(report.leaderboard[0]).toMatchObject({ id: 'p1', score: 100 * questionIds.length });
	});

	it('ends early from an open question, scoring it first', () => {
		const actor = room(1);
		actor.send({ type: 'host.start', at: 0 });
		actor.send(answer('p1', 0, right(0)));
		actor.send({ type: 'host.end', at: 10 });
		expect(phaseOf(actor.getSnapshot())).toBe('report');
		expect(actor.getSnapshot().context.players.get('p1')?.score).toBe(100);
	});

	it('sends each player only their own result at reveal, and the report only to the host', () => {
		const actor = room(2);
		actor.send({ type: 'host.start', at: 0 });
		actor.send(answer('p1', 0, right(0)));
		actor.send({ type: 'host.close', at: 10 });
		const reveal: SessionEvent = { type: 'host.reveal', at: 20 };
		actor.send(reveal);

		const out = messagesFor(catalog, reveal, actor.getSnapshot());
		const results = out.filter((m) => m.event === 'result');

		expect(results.map((m) => m.audience)).toEqual([
			{ to: 'player', id: 'p1' },
			{ to: 'player', id: 'p2' }
		]);
		expect(out.find((m) => m.event === 'reveal')?.audience).toEqual({ to: 'all' });
		const end: SessionEvent = { type: 'host.end', at: 30 };
		actor.send(end);
		const final = messagesFor(catalog, end, actor.getSnapshot());
		expect(final.find((m) => m.event === 'report')?.audience).toEqual({ to: 'host' });
	});

	it('replaying the same events gives the same room', () => {
		const events: SessionEvent[] = [];
		const actor = room(3);
		const record = (e: SessionEvent) => {
			events.push(e);
			actor.send(e);
		};
		record({ type: 'host.start', at: 0 });
		record(answer('p1', 0, right(0)));
		record(answer('p3', 0, wrong(0)));
		record({ type: 'host.close', at: 50 });

		const copy = room(3);
		for (const e of events) copy.send(e);

		expect(copy.getSnapshot().context).toEqual(actor.getSnapshot().context);
		expect(copy.getSnapshot().value).toEqual(actor.getSnapshot().value);
	});

	// How fast is the bench's business (npm run bench:session), never a test's: this checks the count only.
	it('takes 2,000 answers to one question and counts each once', () => {
		const actor = room(2000);
		actor.send({ type: 'host.start', at: 0 });
		for (let i = 1; i <= 2000; i++) actor.send(answer(`p${i}`, 0, right(0)));
		actor.send(answer('p1', 0, right(0)));
		expect(tallyOf(catalog, actor.getSnapshot().context, 0)?.answered).toBe(2000);
	});
});

describe('session machine: rooms are independent', () => {
	it('keeps the players of one room out of another', () => {
		const a = room(2);
		const b = room(0);
		expect(b.getSnapshot().context.playerIds).toEqual([]);
		expect(b.getSnapshot().context.players.size).toBe(0);
		expect(a.getSnapshot().context.players).not.toBe(b.getSnapshot().context.players);
	});
});
