import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { questionOf } from './catalog';
import { buildDeck, QUICK_SIZE } from './deck';
import { grade } from './grade';
import { createQuizMachine, type QuizEvent, type QuizMachine } from './machine';
import { shippedCatalog } from './test-catalog';

const catalog = shippedCatalog();
const machine = createQuizMachine(catalog);

function started(event: Extract<QuizEvent, { type: 'user.start' }>) {
	const actor = createActor(machine).start();
	actor.send(event);
	return actor;
}

/** Reveals the rest of the current script so the question is asked. */
function toAsking(actor: ReturnType<typeof started>, at = 2000) {
	while (actor.getSnapshot().matches({ playing: 'presenting' }))
		actor.send({ type: 'user.next', at });
}

/** The right selection for the current question. */
function rightAnswer(snapshot: SnapshotFrom<QuizMachine>): number[] {
	const q = questionOf(catalog, snapshot.context.questionIds[snapshot.context.index] ?? '');
	const g = grade(q, []);
	return q.kind === 'flags' ? g.expected : [g.expected[0] ?? 0];
}

function answer(actor: ReturnType<typeof started>, selection: number[], at = 3000) {
	const q = questionOf(
		catalog,
		actor.getSnapshot().context.questionIds[actor.getSnapshot().context.index] ?? ''
	);
	for (const i of selection)
		actor.send(
			q.kind === 'flags' ? { type: 'user.toggle', index: i } : { type: 'user.select', index: i }
		);
	actor.send({ type: 'user.submit', confidence: 'sure', at });
}

describe('quiz machine: starting', () => {
	it('starts idle with no quiz', () => {
		const actor = createActor(machine).start();
		expect(actor.getSnapshot().value).toBe('idle');
		expect(actor.getSnapshot().context.questionIds).toEqual([]);
	});

	it('builds a quick drill of 10 mixed questions and shows the first message', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'quick' }, seed: 7, at: 1000 });
		const { context } = actor.getSnapshot();
		expect(context.questionIds).toHaveLength(QUICK_SIZE);
		const verdicts = new Set(
			context.questionIds.map(
				(id) => catalog.scenario.get(questionOf(catalog, id).scenarioId)?.verdict
			)
		);
		expect(verdicts).toEqual(new Set(['scam', 'legitimate']));
		expect(context.revealed).toBe(1);
		expect(context.startedAt).toBe(1000);
		expect(actor.getSnapshot().matches('playing')).toBe(true);
	});

	it('stays idle when the deck would be empty', () => {
		const actor = started({
			type: 'user.start',
			deck: { kind: 'lure', lure: 'no-such-lure' },
			seed: 1,
			at: 0
		});
		expect(actor.getSnapshot().value).toBe('idle');
		actor.send({
			type: 'user.start',
			deck: { kind: 'ids', ids: ['gone/verdict'] },
			seed: 1,
			at: 0
		});
		expect(actor.getSnapshot().value).toBe('idle');
	});

	it('keeps the order for one seed and changes it for another', () => {
		const a = buildDeck(catalog, { kind: 'full' }, 42);
		expect(buildDeck(catalog, { kind: 'full' }, 42)).toEqual(a);
		expect(buildDeck(catalog, { kind: 'full' }, 43)).not.toEqual(a);
		expect([...a].sort()).toEqual(catalog.questions.map((q) => q.id).sort());
	});

	it('keeps one scenario’s questions together, in script order', () => {
		const deck = buildDeck(catalog, { kind: 'full' }, 5).map((id) => questionOf(catalog, id));
		const seen: string[] = [];
		deck.forEach((q, i) => {
			if (q.scenarioId !== deck[i - 1]?.scenarioId) {
				expect(seen).not.toContain(q.scenarioId);
				seen.push(q.scenarioId);
			} else {
				expect(q.visibleSteps).toBeGreaterThanOrEqual(deck[i - 1]?.visibleSteps ?? 0);
			}
		});
	});

	it('builds a lure deck from that lure’s scams and twins, and an id deck from known ids only', () => {
		const lure = buildDeck(catalog, { kind: 'lure', lure: 'dating-chatter' }, 3);
		const lureScenarios = new Set(
			lure.map((id) => catalog.scenario.get(questionOf(catalog, id).scenarioId)?.lure)
		);
		expect(lureScenarios).toEqual(new Set(['dating-chatter']));
		const ids = [catalog.questions[0]?.id ?? '', 'removed/verdict', catalog.questions[0]?.id ?? ''];
		expect(buildDeck(catalog, { kind: 'ids', ids }, 3)).toEqual([catalog.questions[0]?.id]);
	});
});

describe('quiz machine: one question', () => {
	const ids = [catalog.questions.find((q) => q.kind === 'decide' && q.visibleSteps >= 3)?.id ?? ''];

	it('unfolds the script one step per "next" until the question is asked', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'ids', ids }, seed: 1, at: 0 });
		const q = questionOf(catalog, ids[0] ?? '');
		for (let shown = 1; shown < q.visibleSteps; shown++) {
			expect(actor.getSnapshot().matches({ playing: 'presenting' })).toBe(true);
			expect(actor.getSnapshot().context.revealed).toBe(shown);
			actor.send({ type: 'user.next', at: shown * 100 });
		}
		expect(actor.getSnapshot().matches({ playing: 'asking' })).toBe(true);
		expect(actor.getSnapshot().context.revealed).toBe(q.visibleSteps);
	});

	it('shows the whole script at once on request', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'ids', ids }, seed: 1, at: 0 });
		actor.send({ type: 'user.showAll', at: 10 });
		expect(actor.getSnapshot().matches({ playing: 'asking' })).toBe(true);
	});

	it('ignores a submit with no selection and a choice that is not offered', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'ids', ids }, seed: 1, at: 0 });
		toAsking(actor);
		actor.send({ type: 'user.submit', confidence: 'sure', at: 1 });
		actor.send({ type: 'user.select', index: 99 });
		actor.send({ type: 'user.toggle', index: 0 });
		expect(actor.getSnapshot().matches({ playing: 'asking' })).toBe(true);
		expect(actor.getSnapshot().context.selection).toEqual([]);
	});

	it('records a right answer with its confidence and the time spent', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'ids', ids }, seed: 1, at: 0 });
		toAsking(actor, 2000);
		answer(actor, rightAnswer(actor.getSnapshot()), 5500);
		const { context } = actor.getSnapshot();
		expect(actor.getSnapshot().matches({ playing: 'feedback' })).toBe(true);
		expect(context.answers).toEqual([
			expect.objectContaining({
				questionId: ids[0],
				correct: true,
				confidence: 'sure',
				at: 5500,
				elapsedMs: 3500
			})
		]);
	});

	it('records a wrong answer as wrong', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'ids', ids }, seed: 1, at: 0 });
		toAsking(actor);
		const q = questionOf(catalog, ids[0] ?? '');
		const unsafe = q.kind === 'decide' ? q.options.findIndex((o) => !o.safe) : -1;
		actor.send({ type: 'user.select', index: unsafe });
		actor.send({ type: 'user.submit', confidence: 'unsure', at: 3000 });
		expect(actor.getSnapshot().context.answers[0]).toMatchObject({
			correct: false,
			confidence: 'unsure',
			selection: [unsafe]
		});
	});

	it('excludes paused time from the time spent, and resumes the same screen', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'ids', ids }, seed: 1, at: 0 });
		toAsking(actor, 1000);
		actor.send({ type: 'user.select', index: 0 });
		actor.send({ type: 'user.pause', at: 2000 });
		expect(actor.getSnapshot().value).toBe('paused');
		actor.send({ type: 'user.submit', confidence: 'sure', at: 2500 });
		expect(actor.getSnapshot().value).toBe('paused');
		actor.send({ type: 'user.resume', at: 60_000 });
		expect(actor.getSnapshot().matches({ playing: 'asking' })).toBe(true);
		expect(actor.getSnapshot().context.selection).toEqual([0]);
		actor.send({ type: 'system.hidden', at: 61_000 });
		actor.send({ type: 'system.visible', at: 90_000 });
		actor.send({ type: 'user.submit', confidence: 'sure', at: 91_000 });
		expect(actor.getSnapshot().context.answers[0]?.elapsedMs).toBe(1000 + 1000 + 1000);
	});
});

describe('quiz machine: flags and stop questions', () => {
	const scam = catalog.bank.scenarios.find((s) => s.verdict === 'scam');
	const flagsId = `${scam?.id}/flags`;
	const stopId = `${scam?.id}/stop`;

	it('toggles steps on and off in spot-the-flags and grades the exact set', () => {
		const actor = started({
			type: 'user.start',
			deck: { kind: 'ids', ids: [flagsId] },
			seed: 1,
			at: 0
		});
		toAsking(actor);
		const q = questionOf(catalog, flagsId);
		const first = q.kind === 'flags' ? (q.choices[0] ?? 0) : 0;
		actor.send({ type: 'user.toggle', index: first });
		actor.send({ type: 'user.toggle', index: first });
		expect(actor.getSnapshot().context.selection).toEqual([]);
		actor.send({ type: 'user.select', index: first });
		expect(actor.getSnapshot().context.selection).toEqual([]);
		answer(actor, rightAnswer(actor.getSnapshot()));
		expect(actor.getSnapshot().context.answers[0]?.correct).toBe(true);
	});

	it('takes one step as the stopping point', () => {
		const actor = started({
			type: 'user.start',
			deck: { kind: 'ids', ids: [stopId] },
			seed: 1,
			at: 0
		});
		toAsking(actor);
		const q = questionOf(catalog, stopId);
		const wrong = q.kind === 'stop' ? (q.choices.find((c) => c !== q.answer) ?? 0) : 0;
		actor.send({ type: 'user.select', index: wrong });
		actor.send({ type: 'user.select', index: rightAnswer(actor.getSnapshot())[0] ?? 0 });
		expect(actor.getSnapshot().context.selection).toHaveLength(1);
		actor.send({ type: 'user.submit', confidence: 'sure', at: 1 });
		expect(actor.getSnapshot().context.answers[0]?.correct).toBe(true);
	});
});

describe('quiz machine: a whole drill', () => {
	it('goes question by question to results, then restarts the same deck in a new order', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'quick' }, seed: 11, at: 0 });
		const total = actor.getSnapshot().context.questionIds.length;
		for (let i = 0; i < total; i++) {
			toAsking(actor);
			expect(actor.getSnapshot().context.index).toBe(i);
			answer(actor, rightAnswer(actor.getSnapshot()));
			actor.send({ type: 'user.next', at: 10_000 + i });
		}
		const done = actor.getSnapshot();
		expect(done.value).toBe('results');
		expect(done.context.answers).toHaveLength(total);
		expect(done.context.answers.every((a) => a.correct)).toBe(true);
		expect(done.context.finishedAt).toBe(10_000 + total - 1);

		const before = done.context.questionIds;
		actor.send({ type: 'user.restart', seed: 12, at: 20_000 });
		const again = actor.getSnapshot();
		expect(again.matches('playing')).toBe(true);
		expect(again.context.deck).toEqual({ kind: 'quick' });
		expect(again.context.answers).toEqual([]);
		expect(again.context.questionIds).not.toEqual(before);
		expect(again.context.runId).not.toBe(done.context.runId);
	});

	it('carries the unfolded script to the next question of the same scenario', () => {
		const s = catalog.bank.scenarios.find((x) => x.verdict === 'scam' && x.decisions.length > 0);
		const ids = [`${s?.id}/decide/${s?.decisions[0]?.id}`, `${s?.id}/verdict`];
		const actor = started({ type: 'user.start', deck: { kind: 'ids', ids }, seed: 1, at: 0 });
		toAsking(actor);
		const shown = actor.getSnapshot().context.revealed;
		answer(actor, [0]);
		actor.send({ type: 'user.next', at: 5000 });
		expect(actor.getSnapshot().context.revealed).toBe(shown);
		expect(actor.getSnapshot().context.index).toBe(1);
	});

	it('quits to idle from a question and from the pause screen, forgetting the quiz', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'quick' }, seed: 1, at: 0 });
		actor.send({ type: 'user.quit' });
		expect(actor.getSnapshot().value).toBe('idle');
		expect(actor.getSnapshot().context.questionIds).toEqual([]);
		actor.send({ type: 'user.start', deck: { kind: 'quick' }, seed: 1, at: 0 });
		actor.send({ type: 'user.pause', at: 1 });
		actor.send({ type: 'user.quit' });
		expect(actor.getSnapshot().value).toBe('idle');
	});
});

describe('quiz machine: persisted snapshots', () => {
	it('restores every screen of a drill exactly, from JSON', () => {
		const actor = started({ type: 'user.start', deck: { kind: 'quick' }, seed: 3, at: 0 });
		const check = () => {
			const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
			const restored = createActor(machine, { snapshot: saved }).start().getSnapshot();
			expect(restored.value).toEqual(actor.getSnapshot().value);
			expect(restored.context).toEqual(actor.getSnapshot().context);
		};
		check();
		for (let i = 0; i < 3; i++) {
			actor.send({ type: 'user.next', at: 100 });
			check();
			toAsking(actor);
			answer(actor, [0]);
			check();
			actor.send({ type: 'user.pause', at: 200 });
			check();
			actor.send({ type: 'user.resume', at: 300 });
			check();
			actor.send({ type: 'user.next', at: 400 });
		}
	});
});
