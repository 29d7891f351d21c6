/** A live room orders a decide question's options by its recorded seed, and by its code when it has none. */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { hashText, optionOrder } from '$lib/quiz/order';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import type { DecideQuestion } from '$lib/scenarios/generate';
import { createSessionMachine, emptySessionContext, type SessionEvent } from './session-machine';
import { liveQuestion } from './views';

const catalog = shippedCatalog();
const machine = createSessionMachine(catalog);
const q = catalog.questions.find(
	(x): x is DecideQuestion => x.kind === 'decide' && x.options.length >= 3
)!;

/** The choices of the room's first question, as clients are sent them, after replaying `create`. */
function shown(create: Extract<SessionEvent, { type: 'system.create' }>): number[] {
	const actor = createActor(machine).start();
	// Through JSON, as the store keeps events.
	actor.send(JSON.parse(JSON.stringify(create)) as SessionEvent);
	actor.send({ type: 'host.start', at: 1 });
	return liveQuestion(catalog, actor.getSnapshot().context, 0).choices;
}

const base = {
	type: 'system.create' as const,
	options: emptySessionContext().options,
	questionIds: [q.id],
	at: 0
};

describe('live option order', () => {
	it('follows the seed recorded with the room', () => {
		for (const seed of [1, 2, 3, 77])
			expect(shown({ ...base, code: 'ABC234', seed })).toEqual(
				optionOrder(seed, q.id, q.options.length)
			);
	});

	it('falls back to the room code for rooms recorded without a seed', () => {
		expect(shown({ ...base, code: 'ABC234' })).toEqual(
			optionOrder(hashText('ABC234'), q.id, q.options.length)
		);
		expect(shown({ ...base, code: 'ABC234' })).toEqual(shown({ ...base, code: 'ABC234' }));
	});
});
