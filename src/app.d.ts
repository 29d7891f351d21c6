// See https://svelte.dev/docs/kit/types#app.d.ts
import type { DeckSpec } from '$lib/quiz/deck';
import type { QuizMode } from '$lib/quiz/machine';

declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		/** A drill another page asks the trainer to start (review decks, team follow-ups). */
		interface PageState {
			deck?: DeckSpec;
			mode?: QuizMode;
		}
		// interface Platform {}
	}
}

export {};
