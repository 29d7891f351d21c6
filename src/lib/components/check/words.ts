/**
 * The check's codes and numbers in words, in the active locale: what changed, calibration, the waiting
 * rule, dates and figures with their intervals. UI layer only: the logic in `$lib/checks` returns codes.
 */
import { currentLocale, m } from '$lib/i18n';
import type { ChangeCode, Estimate } from '$lib/checks/sdt';
import { MIN_PER_CLASS } from '$lib/checks/sdt';
import type { CheckRole, NextCheck, Progress } from '$lib/checks/solo';

export { formName, roleTitle } from './role-words';

/** A day, as the locale writes it (29 Nov 2026 / 2026年11月29日). */
export function dayText(at: number): string {
	return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium' }).format(new Date(at));
}

/** Why this check, for the next-check card; `drilled`: the learner has drills in their history. */
export function roleText(role: CheckRole, drilled: boolean): string {
	if (role === 'before') return drilled ? m.check_beforeLate() : m.check_beforeText();
	if (role === 'after') return m.check_afterText();
	return m.check_recheckText();
}

/** When a check that is not due yet will be, or null when it is due (or a before-check). */
export function waitText(next: NextCheck, now: number): string | null {
	if (next.due || next.role === 'before') return null;
	const dateLeft = next.dueFrom !== null && now < next.dueFrom;
	const date = next.dueFrom === null ? '' : dayText(next.dueFrom);
	if (next.drillsLeft > 0 && dateLeft) return m.check_waitBoth({ n: next.drillsLeft, date });
	if (next.drillsLeft > 0) return m.check_waitDrills({ n: next.drillsLeft });
	return m.check_waitDate({ date });
}

export function changeText(code: ChangeCode): string {
	switch (code) {
		case 'sharper':
			return m.check_change_sharper();
		case 'duller':
			return m.check_change_duller();
		case 'more-suspicious':
			return m.check_change_moreSuspicious();
		case 'more-trusting':
			return m.check_change_moreTrusting();
		case 'no-clear-change':
			return m.check_change_noClear();
		case 'too-few':
			return m.check_change_tooFew({ min: MIN_PER_CLASS });
	}
}

export function calibrationText(code: Progress['calibration']): string {
	switch (code) {
		case 'better':
			return m.check_calib_better();
		case 'worse':
			return m.check_calib_worse();
		case 'same':
			return m.check_calib_same();
		case 'too-few':
			return m.check_calib_tooFew();
	}
}

function num(value: number, digits = 2): string {
	// A value that rounds to zero is shown as 0, never "-0.00".
	if (Math.abs(value) < 0.5 * 10 ** -digits) value = 0;
	return new Intl.NumberFormat(currentLocale(), {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value);
}

/** A rate as "k of n (likely low–high%)": never a bare percentage. */
export function rateText(k: number, n: number, estimate: Estimate | null): string {
	if (!estimate) return m.check_tooFew();
	return m.check_rate({
		k,
		n,
		low: Math.round(estimate.low * 100),
		high: Math.round(estimate.high * 100)
	});
}

/** d′ or c with its interval, or "too few answers to tell". */
export function estimateText(estimate: Estimate | null): string {
	if (!estimate) return m.check_tooFew();
	return m.check_estimate({
		value: num(estimate.value),
		low: num(estimate.low),
		high: num(estimate.high)
	});
}

/** A Brier score, or "too few" with no answers. */
export function brierText(brier: number | null): string {
	return brier === null ? m.check_tooFew() : num(brier);
}
