import { describe, expect, it } from 'vitest';
import { assign, createActor } from 'xstate';
import { setupMachine } from './machine-setup';

describe('setupMachine', () => {
	it("builds a machine with its named guards and actions, as xstate's setup does", () => {
		const machine = setupMachine({
			types: { context: {} as { n: number }, events: {} as { type: 'add' } },
			guards: { small: ({ context }) => context.n < 2 },
			actions: { add: assign({ n: ({ context }) => context.n + 1 }) }
		}).createMachine({
			context: { n: 0 },
			initial: 'counting',
			states: {
				counting: { on: { add: [{ guard: 'small', actions: 'add' }, { target: 'full' }] } },
				full: {}
			}
		});
		const actor = createActor(machine).start();
		for (let i = 0; i < 3; i++) actor.send({ type: 'add' });
		expect(actor.getSnapshot().context.n).toBe(2);
		expect(actor.getSnapshot().value).toBe('full');
	});

	it('hands back only the machine builder, not the action creators that would ship with it', () => {
		expect(Object.keys(setupMachine({}))).toEqual(['createMachine']);
	});
});
