/**
 * Model-based test of check mode: xstate/graph walks the quiz machine through a small check (three
 * scenarios of form A) and yields the shortest path to every reachable state. Each path is replayed on a
 * real actor; after every step the persisted snapshot goes through JSON and the saved-quiz check (the same
 * edge a reload crosses) and is restored, and must give an equal state. A check never shows feedback.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { checkSavedQuiz } from '$lib/progress/saved-quiz-check';
import { questionOf } from './catalog';
import { choicesOf } from './grade';
import { createQuizMachine, type QuizEvent, type QuizMachine } from './machine';
import { catalogOf, shippedBank } from './test-catalog';

const formA = shippedBank().forms![0]!;
// One scam and two genuine look-alikes of the form: a small check with both kinds of answer.
const picked = [
	shippedBank().scenarios.find((s) => formA.scenarios.includes(s.id) && s.verdict === 'scam')!.id,
	...shippedBank()
		.scenarios.filter((s) => formA.scenarios.includes(s.id) && s.verdict === 'legitimate')
		.slice(0, 2)
		.map((s) => s.id)
];
const catalog = catalogOf(picked);
const machine = createQuizMachine(catalog);
const deck = { kind: 'check' as const, form: formA.id };

/** The events worth trying in a state (all times fixed, so the state space stays finite). */
function eventsFor(snapshot: SnapshotFrom<QuizMachine>): QuizEvent[] {
	const at = 0;
	// `mode: 'drill'` on purpose: a check deck is taken as a check whatever the caller says.
	if (snapshot.matches('idle')) return [{ type: 'user.start', deck, seed: 1, at, mode: 'drill' }];
	if (snapshot.matches('paused')) return [{ type: 'user.resume', at }, { type: 'user.quit' }];
	if (snapshot.matches('results'))
		return [{ type: 'user.restart', seed: 2, at }, { type: 'user.quit' }];
	const common: QuizEvent[] = [{ type: 'user.pause', at }, { type: 'user.quit' }];
	if (snapshot.matches({ playing: 'presenting' }))
		return [{ type: 'user.next', at }, { type: 'user.showAll', at }, ...common];
	if (snapshot.matches({ playing: 'feedback' })) return [{ type: 'user.next', at }, ...common];
	const q = questionOf(catalog, snapshot.context.questionIds[snapshot.context.index] ?? '');
	return [
		...choicesOf(q).map((index): QuizEvent => ({ type: 'user.select', index })),
		{ type: 'user.submit', confidence: 'sure', at },
		{ type: 'user.submit', confidence: 'unsure', at },
		...common
	];
}

function serializeState(snapshot: SnapshotFrom<QuizMachine>): string {
	const c = snapshot.context;
	return JSON.stringify([
		snapshot.value,
		c.index,
		c.revealed,
		c.selection,
		c.answers.map((a) => [a.selection, a.confidence]),
		c.seed
	]);
}

const paths = getShortestPaths(machine, { events: eventsFor, serializeState });

describe('check mode: every shortest path', () => {
	it('reaches every screen of a check except feedback, which a check never shows', () => {
		expect(catalog.bank.scenarios).toHaveLength(3);
		const screens = new Set(paths.map((p) => JSON.stringify(p.state.value)));
		for (const screen of ['idle', 'paused', 'results'])
			expect(screens).toContain(JSON.stringify(screen));
		for (const sub of ['presenting', 'asking'])
			expect(screens).toContain(JSON.stringify({ playing: sub }));
		expect(screens).not.toContain(JSON.stringify({ playing: 'feedback' }));
		expect(paths.length).toBeGreaterThan(50);
	});

	it('replays each path; saving, checking and restoring gives an equal state at every step', () => {
		for (const path of paths) {
			const actor = createActor(machine).start();
			for (const step of path.steps) {
				actor.send(step.event);
				const live = actor.getSnapshot();
				if (live.matches('idle')) continue;
				const record = { v: 1, savedAt: 0, snapshot: actor.getPersistedSnapshot() };
				const checked = checkSavedQuiz(JSON.parse(JSON.stringify(record)), catalog);
				if (!checked.ok) throw new Error(`${checked.reason} after ${JSON.stringify(step.event)}`);
				const restored = createActor(machine, { snapshot: checked.snapshot }).start();
				expect(restored.getSnapshot().value).toEqual(live.value);
				expect(restored.getSnapshot().context).toEqual(live.context);
				restored.stop();
			}
			expect(serializeState(actor.getSnapshot())).toBe(serializeState(path.state));
			actor.stop();
		}
	}, 120_000);

	it('every answer is a check answer, one per question, and the run ends in results after the last', () => {
		for (const path of paths) {
			const s = path.state;
			const c = s.context;
			if (!s.matches('idle')) expect(c.mode).toBe('check');
			expect(new Set(c.answers.map((a) => a.questionId)).size).toBe(c.answers.length);
			if (s.matches('results')) {
				expect(c.answers).toHaveLength(c.questionIds.length);
				expect(c.finishedAt).not.toBeNull();
			} else expect(c.answers.length).toBe(c.index);
		}
	});

	it('a check is not run again from its results (the next check is another form)', () => {
		const inResults = paths.find((p) => p.state.matches('results'))!;
		const actor = createActor(machine, { snapshot: machine.resolveState(inResults.state) }).start();
		actor.send({ type: 'user.restart', seed: 5, at: 1 });
		expect(actor.getSnapshot().matches('results')).toBe(true);
		actor.stop();
	});
});
