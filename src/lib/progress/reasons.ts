/**
 * Why a record was set aside, as a code the pages word in the learner's language. A reason is stored as
 * `code` or `code:detail` (the detail is data: a version number, a field path), so that quarantined
 * records and export files keep one plain string field, and records set aside by earlier versions (whose
 * reason is an English sentence) are still shown, as they are.
 */

/** Every reason a record can be set aside for. */
export type SetAsideCode =
	/** The saved drill is not a record this app can read. */
	| 'quiz-unreadable'
	/** The saved drill was written by a newer version. */
	| 'quiz-newer'
	/** The saved drill was written by a version too old to migrate. */
	| 'quiz-older'
	/** The saved drill is damaged; detail: where. */
	| 'quiz-damaged'
	/** A scenario of the saved drill was removed or changed since. */
	| 'quiz-changed'
	/** The saved drill's answer no longer fits its question. */
	| 'quiz-no-fit'
	/** An attempt record without a version. */
	| 'attempt-no-version'
	/** An attempt written by a newer version; detail: its version. */
	| 'attempt-newer'
	/** A damaged attempt record; detail: where. */
	| 'attempt-damaged'
	/** An attempt stored under a key that is not its id. */
	| 'attempt-key'
	/** Settings written by a newer version; detail: its version. */
	| 'settings-newer'
	/** Damaged settings; detail: where. */
	| 'settings-damaged'
	/** Something in the set-aside store that is not a set-aside record. */
	| 'quarantine-unrecognised'
	/** A damaged review cards cache (rebuilt from the history); detail: where. */
	| 'cards-damaged';

const CODES: ReadonlySet<string> = new Set<SetAsideCode>([
	'quiz-unreadable',
	'quiz-newer',
	'quiz-older',
	'quiz-damaged',
	'quiz-changed',
	'quiz-no-fit',
	'attempt-no-version',
	'attempt-newer',
	'attempt-damaged',
	'attempt-key',
	'settings-newer',
	'settings-damaged',
	'quarantine-unrecognised',
	'cards-damaged'
]);

/** The stored form of a reason: its code, and its detail after a colon when there is one. */
export function reasonCode(code: SetAsideCode, detail?: string): string {
	return detail === undefined ? code : `${code}:${detail}`;
}

/** A stored reason read back: a known code with its detail, or `other` with the stored text as detail. */
export function parseReason(
	reason: string
): { code: SetAsideCode; detail: string } | { code: 'other'; detail: string } {
	const colon = reason.indexOf(':');
	const code = colon < 0 ? reason : reason.slice(0, colon);
	const detail = colon < 0 ? '' : reason.slice(colon + 1);
	return CODES.has(code)
		? { code: code as SetAsideCode, detail }
		: { code: 'other', detail: reason };
}
