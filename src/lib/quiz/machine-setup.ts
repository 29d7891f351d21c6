/**
 * xstate's `setup()` for the drill's machine, building the machine and nothing else.
 *
 * xstate's own `setup()` also hands back bound action creators (`sendTo`, `raise`, `log`, `cancel`,
 * `stopChild`, `enqueueActions`, `emit`, `spawnChild`). Its body names them all, so every one of them ships
 * with any machine built through it, used or not: 0.8 KB gzip of the code a first question waits for, on a
 * machine that uses none of them. This function does what `setup(…).createMachine(…)` does (the same call
 * of `createMachine` with the same implementations) and has `setup`'s type, so the machine keeps its typed
 * context, events, named guards and actions, checked by name. Only `createMachine` exists on what it
 * returns: take `assign`, `and`, `not` and the like from xstate's own exports.
 */
import { createMachine, type setup } from 'xstate';

type Implementations = Parameters<typeof setup>[0];
type Config = Parameters<typeof createMachine>[0];

// The types are `setup`'s own (the cast at the end); inside, the call is xstate's untyped one, as in `setup`.
export const setupMachine = (({ schemas, actors, actions, guards, delays }: Implementations) => ({
	createMachine: (config: Config) =>
		createMachine({ ...config, schemas } as Config, { actors, actions, guards, delays } as never)
})) as unknown as typeof setup;
