/**
 * The schema of a deck request (`DeckSpec`), apart from the decks themselves (./deck): what checks a deck
 * that comes from outside the page (a saved drill read back, a live room's request) is not needed to
 * build one, so a drill's first question loads no validation library for it.
 */
import * as v from 'valibot';
import { IdSchema } from '$lib/scenarios/id';

/**
 * Scenarios kept out of a deck: a check form the learner has not taken yet, so that the check meets them
 * unseen. Part of the spec, so that a restarted or resumed drill keeps the same deck.
 */
const hold = v.optional(v.pipe(v.array(IdSchema), v.maxLength(200)));

/** What a learner (or a review or team session) asks to be drilled on. */
export const DeckSpecSchema = v.variant('kind', [
	v.strictObject({ kind: v.literal('full'), hold }),
	v.strictObject({ kind: v.literal('quick'), hold }),
	v.strictObject({ kind: v.literal('lure'), lure: IdSchema, hold }),
	v.strictObject({
		kind: v.literal('ids'),
		ids: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.minLength(1), v.maxLength(2000)),
		label: v.optional(v.pipe(v.string(), v.maxLength(120))),
		hold
	}),
	/** A check: the verdict question of every scenario of one check form (`questions/forms.yaml`). */
	v.strictObject({ kind: v.literal('check'), form: IdSchema })
]);
