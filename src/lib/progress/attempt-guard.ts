/**
 * A fast check that a stored record is a valid attempt of the current version, exactly as strict as
 * AttemptSchema (attempts.ts): opening a history of thousands of answers validates every one, and the
 * schema's parse costs about ten times this check. Only a record this check accepts skips the schema; any
 * other goes through it, so a damaged record is still set aside with the schema's reason.
 * The unit test (attempt-guard.test.ts) checks that both agree on valid and damaged records.
 */
import { QUESTION_KINDS } from '$lib/scenarios/generate';

const FIELDS = [
	'v',
	'id',
	'runId',
	'questionId',
	'scenarioId',
	'kind',
	'selection',
	'correct',
	'confidence',
	'mode',
	'deck',
	'at',
	'elapsedMs',
	'lure',
	'verdict',
	'form'
] as const;
const KINDS: ReadonlySet<unknown> = new Set(QUESTION_KINDS);
const MODES: ReadonlySet<unknown> = new Set(['drill', 'review', 'presenter', 'check']);
const DECKS: ReadonlySet<unknown> = new Set(['full', 'quick', 'lure', 'ids', 'check']);
const FORM = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (x: unknown, min: number, max: number) =>
	typeof x === 'string' && x.length >= min && x.length <= max;
const number = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);

/** True when `raw` passes AttemptSchema of `version` (the current attempt version). */
export function isCurrentAttempt(raw: unknown, version: number): boolean {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
	const r = raw as Record<string, unknown>;
	if (Object.keys(r).length !== FIELDS.length) return false;
	for (const f of FIELDS) if (!Object.hasOwn(r, f)) return false;
	const s = r.selection;
	if (!Array.isArray(s) || s.length > 20) return false;
	for (let i = 0; i < s.length; i++) {
		const n: unknown = s[i];
		if (!number(n) || !Number.isInteger(n) || n < 0) return false;
	}
	return (
		r.v === version &&
		text(r.id, 1, 200) &&
		text(r.runId, 0, 100) &&
		text(r.questionId, 1, 200) &&
		text(r.scenarioId, 1, 100) &&
		KINDS.has(r.kind) &&
		typeof r.correct === 'boolean' &&
		(r.confidence === 'sure' || r.confidence === 'unsure') &&
		MODES.has(r.mode) &&
		DECKS.has(r.deck) &&
		number(r.at) &&
		r.at >= 0 &&
		r.at <= 8.64e15 &&
		number(r.elapsedMs) &&
		r.elapsedMs >= 0 &&
		(r.lure === null || text(r.lure, 0, 80)) &&
		(r.verdict === null || r.verdict === 'scam' || r.verdict === 'legitimate') &&
		(r.form === null || (text(r.form, 0, 20) && FORM.test(r.form as string))) &&
		(r.mode === 'check') === (r.form !== null)
	);
}
