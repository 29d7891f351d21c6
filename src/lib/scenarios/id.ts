/**
 * The id rule of scenarios, red flags, lure types and forms, on its own: pages that check an id (a deck
 * request, a saved drill) import it from here, so that the rest of the scenario format, which only the
 * build and the checker need, stays out of the browser's first download.
 */
import * as v from 'valibot';

/** A kebab-case id (`fake-securities-call`): what every id in the bank looks like. */
export const IdSchema = v.pipe(
	v.string('must be an id (text)'),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id like "fake-securities-call"'),
	v.maxLength(80, 'must be at most 80 characters')
);
