/**
 * The schema of the stored check log (./checks), loaded only when there is a log to read: a learner who
 * has never taken a check, as on a first visit, loads no validation library for it.
 */
import * as v from 'valibot';
import type { CheckLog } from './check-log';

const LogSchema = v.strictObject({
	v: v.literal(1),
	/** Form id → when a check answer on it was last given (epoch ms). */
	taken: v.record(v.pipe(v.string(), v.maxLength(20)), v.pipe(v.number(), v.minValue(0)))
});

/** The log a stored record holds; empty when the record is not a valid log. */
export function checkLogIn(raw: unknown): CheckLog {
	const parsed = v.safeParse(LogSchema, raw);
	return parsed.success ? parsed.output.taken : {};
}
