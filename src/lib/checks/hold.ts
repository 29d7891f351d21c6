/**
 * Which scenarios a learner's drills must not show yet, kept apart from the rest of the check rules
 * (solo.ts): the drill page needs only this, and not the scoring code the rest brings with it.
 */

/** A check form as the bank carries it. */
export interface FormRef {
	id: string;
	scenarios: readonly string[];
}

/**
 * Scenarios to keep out of drills and review: those of every form after the first that the learner has
 * not answered in a check yet, so that the after-check is on scenarios never seen. The first form is not
 * held: it is the before-check, offered before any drill. `taken` lists forms with any check answer (a
 * check left part-way has shown some of its scenarios already).
 */
export function heldScenarios(forms: readonly FormRef[], taken: readonly string[]): string[] {
	const done = new Set(taken);
	return forms.slice(1).flatMap((f) => (done.has(f.id) ? [] : [...f.scenarios]));
}
