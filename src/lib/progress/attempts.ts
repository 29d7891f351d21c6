/**
 * The attempt history: one record per answered question, appended as the learner answers and never
 * rewritten. Review, spaced repetition and progress charts are built from it, so it is versioned,
 * migrated from older versions, and every record is validated when read.
 *
 * Version 2 keeps the scenario's lure type and verdict in each record, so that progress charts still
 * read right after a scenario is edited or removed from the bank. Version 3 adds before/after checks:
 * mode `check`, deck `check` and the check form's id, so that history says which form was taken when.
 */
import * as v from 'valibot';
import type { Catalog } from '$lib/quiz/catalog';
import { QUESTION_KINDS } from '$lib/scenarios/generate';
import { isCurrentAttempt } from './attempt-guard';
import { appendAttempts, ATTEMPT_VERSION } from './attempt-record';
import { readAll } from './bulk';
import { setAside } from './quarantine';
import { reasonCode } from './reasons';

// Writing attempts needs no schema: the drill page writes them with ./attempt-record alone.
export { appendAttempts, attemptOf, ATTEMPT_VERSION } from './attempt-record';

const shared = {
	/** `<run id>:<position in the deck>`: saving the same answer twice writes the same key. */
	id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	runId: v.pipe(v.string(), v.maxLength(100)),
	questionId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	scenarioId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
	kind: v.picklist(QUESTION_KINDS),
	selection: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.maxLength(20)),
	correct: v.boolean(),
	confidence: v.picklist(['sure', 'unsure']),
	mode: v.picklist(['drill', 'review', 'presenter']),
	deck: v.picklist(['full', 'quick', 'lure', 'ids']),
	at: v.pipe(v.number(), v.minValue(0), v.maxValue(8.64e15)),
	elapsedMs: v.pipe(v.number(), v.minValue(0))
};

/** Version 1: written by the first release of solo training. */
export const AttemptV1Schema = v.strictObject({ v: v.literal(1), ...shared });

/** The scenario's lure type and verdict when answered; null when no longer known. */
const known = {
	lure: v.nullable(v.pipe(v.string(), v.maxLength(80))),
	verdict: v.nullable(v.picklist(['scam', 'legitimate']))
};

/** Version 2: lure type and verdict kept in each record. */
export const AttemptV2Schema = v.strictObject({ v: v.literal(2), ...shared, ...known });

export const AttemptSchema = v.pipe(
	v.strictObject({
		v: v.literal(ATTEMPT_VERSION),
		...shared,
		mode: v.picklist(['drill', 'review', 'presenter', 'check']),
		deck: v.picklist(['full', 'quick', 'lure', 'ids', 'check']),
		...known,
		/** The check form answered (`questions/forms.yaml`), for mode `check`; null otherwise. */
		form: v.nullable(v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(20)))
	}),
	// A check answer always names its form, and only a check answer does.
	v.check((a) => (a.mode === 'check') === (a.form !== null), 'form')
);
export type Attempt = v.InferOutput<typeof AttemptSchema>;

/** Brings a record of any known version to the current one, or says why it cannot be read. */
export function readAttempt(
	raw: unknown,
	catalog: Catalog
): { ok: true; attempt: Attempt } | { ok: false; reason: string } {
	const version =
		typeof raw === 'object' && raw !== null && 'v' in raw && typeof raw.v === 'number'
			? raw.v
			: null;
	if (version === null) return { ok: false, reason: reasonCode('attempt-no-version') };
	if (version > ATTEMPT_VERSION)
		return { ok: false, reason: reasonCode('attempt-newer', String(version)) };
	if (version === 1) {
		const old = v.safeParse(AttemptV1Schema, raw);
		if (!old.success) return { ok: false, reason: damaged(old.issues) };
		// The index knows every scenario's lure and verdict, also in a drill catalog that lacks its text.
		const scenario = catalog.index.scenario.get(old.output.scenarioId);
		return {
			ok: true,
			attempt: {
				...old.output,
				v: ATTEMPT_VERSION,
				lure: scenario?.lure ?? null,
				verdict: scenario?.verdict ?? null,
				form: null
			}
		};
	}
	if (version === 2) {
		// Checks came with version 3: a version 2 record is never a check answer.
		const old = v.safeParse(AttemptV2Schema, raw);
		if (!old.success) return { ok: false, reason: damaged(old.issues) };
		return { ok: true, attempt: { ...old.output, v: ATTEMPT_VERSION, form: null } };
	}
	// A valid record (nearly every one) passes a check ten times cheaper than the schema's parse.
	if (isCurrentAttempt(raw, ATTEMPT_VERSION)) return { ok: true, attempt: raw as Attempt };
	const parsed = v.safeParse(AttemptSchema, raw);
	if (!parsed.success) return { ok: false, reason: damaged(parsed.issues) };
	return { ok: true, attempt: parsed.output };
}

function damaged(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
	return reasonCode('attempt-damaged', v.getDotPath(issues[0]) ?? 'record');
}

/** What reading the history found: the valid attempts, oldest first, and how many were set aside. */
export interface History {
	attempts: Attempt[];
	setAside: number;
}

/**
 * Reads every attempt. Older records are migrated (and written back in the current version); records that
 * cannot be read are set aside into the quarantine with the reason.
 */
export async function readHistory(catalog: Catalog): Promise<History> {
	const valid: Attempt[] = [];
	const migrated: Attempt[] = [];
	const invalid: { key: string; value: unknown; reason: string }[] = [];
	// One getAll instead of a cursor step per record: most of the cost of opening a long history.
	const { keys, values } = await readAll('attempts');
	keys.forEach((key, i) => {
		const value = values[i];
		const read = readAttempt(value, catalog);
		if (!read.ok) invalid.push({ key, value, reason: read.reason });
		else if (read.attempt.id !== key)
			invalid.push({ key, value, reason: reasonCode('attempt-key') });
		else {
			valid.push(read.attempt);
			if ((value as { v: number }).v !== ATTEMPT_VERSION) migrated.push(read.attempt);
		}
	});
	for (const bad of invalid) await setAside('attempts', bad.key, bad.value, bad.reason);
	if (migrated.length > 0) await appendAttempts(migrated);
	return { attempts: sortAttempts(valid), setAside: invalid.length };
}

/** Oldest first; attempts of one run in deck order. */
export function sortAttempts(attempts: Attempt[]): Attempt[] {
	return attempts.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** Every valid attempt, oldest first (see readHistory). */
export async function readAttempts(catalog: Catalog): Promise<Attempt[]> {
	return (await readHistory(catalog)).attempts;
}
