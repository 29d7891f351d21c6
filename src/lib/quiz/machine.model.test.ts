/**
 * Model-based test: xstate/graph walks the quiz machine over a small two-scenario deck and yields the
 * shortest path to every reachable state. Each path is replayed on a real actor; after every step the
 * persisted snapshot is round-tripped through JSON and restored, and must give an equal state.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { questionOf } from './catalog';
import { choicesOf, isMultiSelect } from './grade';
import { createQuizMachine, type QuizEvent, type QuizMachine } from './machine';
import { catalogOf } from './test-catalog';

const SCAM = 'accomplice-sim-box-host';
const TWIN = 'legit-12381-warning-sms';
const catalog = catalogOf([SCAM, TWIN]);
const machine = createQuizMachine(catalog);
const deck = {
	kind: 'ids' as const,
	ids: [`${SCAM}/decide/the-box`, `${SCAM}/flags`, `${SCAM}/stop`, `${TWIN}/verdict`]
};

/** The events worth trying in a state (all times fixed, so the state space stays finite). */
function eventsFor(snapshot: SnapshotFrom<QuizMachine>): QuizEvent[] {
	const at = 0;
	if (snapshot.matches('idle')) return [{ type: 'user.start', deck, seed: 1, at }];
	if (snapshot.matches('paused')) return [{ type: 'user.resume', at }, { type: 'user.quit' }];
	if (snapshot.matches('results'))
		return [{ type: 'user.restart', seed: 2, at }, { type: 'user.quit' }];
	const common: QuizEvent[] = [{ type: 'user.pause', at }, { type: 'user.quit' }];
	if (snapshot.matches({ playing: 'presenting' }))
		return [{ type: 'user.next', at }, { type: 'user.showAll', at }, ...common];
	if (snapshot.matches({ playing: 'feedback' })) return [{ type: 'user.next', at }, ...common];
	const q = questionOf(catalog, snapshot.context.questionIds[snapshot.context.index] ?? '');
	const picks: QuizEvent[] = choicesOf(q).map((index) =>
		isMultiSelect(q) ? { type: 'user.toggle', index } : { type: 'user.select', index }
	);
	return [
		...picks,
		{ type: 'user.submit', confidence: 'sure', at },
		{ type: 'user.submit', confidence: 'unsure', at },
		...common
	];
}

/** States are told apart by screen, position, selection and how many answers were given. */
function serializeState(snapshot: SnapshotFrom<QuizMachine>): string {
	const c = snapshot.context;
	return JSON.stringify([
		snapshot.value,
		c.index,
		c.revealed,
		c.selection,
		c.answers.map((a) => a.correct),
		c.seed
	]);
}

const paths = getShortestPaths(machine, { events: eventsFor, serializeState });

describe('quiz machine: every shortest path', () => {
	it('reaches every screen of the drill', () => {
		const screens = new Set(paths.map((p) => JSON.stringify(p.state.value)));
		for (const screen of ['idle', 'paused', 'results'])
			expect(screens).toContain(JSON.stringify(screen));
		for (const sub of ['presenting', 'asking', 'feedback'])
			expect(screens).toContain(JSON.stringify({ playing: sub }));
		expect(paths.length).toBeGreaterThan(50);
	});

	// Its work grows with the scripts' length (every path, restored at every step), not with a time budget:
	// on a busy 2-core machine it can pass the default 5 s, so it gets room rather than a race.
	it('replays each path, and persisting then restoring gives an equal state at every step', () => {
		// Paths share their first steps, so most steps reach a snapshot already checked on another path; the
		// same saved text restores the same way, so each distinct one is restored once.
		const checked = new Set<string>();
		for (const path of paths) {
			const actor = createActor(machine).start();
			for (const step of path.steps) {
				actor.send(step.event);
				const live = actor.getSnapshot();
				const text = JSON.stringify(actor.getPersistedSnapshot());
				if (checked.has(text)) continue;
				checked.add(text);
				const saved = JSON.parse(text);
				const restored = createActor(machine, { snapshot: saved }).start();
				expect(restored.getSnapshot().value).toEqual(live.value);
				expect(restored.getSnapshot().context).toEqual(live.context);
				// A restored actor keeps working: the same next event leads to the same state.
				restored.stop();
			}
			// The path ends in the state it was found for (states are compared as the model tells them apart).
			expect(serializeState(actor.getSnapshot())).toBe(serializeState(path.state));
			actor.stop();
		}
	}, 120_000);

	it('counts an answer once per question: answers never outnumber questions asked', () => {
		for (const path of paths) {
			const c = path.state.context;
			const asked = c.index + (path.state.matches({ playing: 'asking' }) ? 0 : 1);
			expect(c.answers.length).toBeLessThanOrEqual(Math.max(asked, c.questionIds.length));
			expect(new Set(c.answers.map((a) => a.questionId)).size).toBe(c.answers.length);
		}
	});
});
