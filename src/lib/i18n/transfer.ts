/**
 * The progress file's import refusals in words, for the data page only (kept out of the i18n index so that
 * other pages do not load their messages).
 */
import type { ImportRefusal } from '$lib/progress/transfer';
import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from './locale.svelte';
import { setAsideReasonText } from './reasons';

/** A size in bytes as people read it (KB / MB), in the active locale's number format. */
export function formatBytes(bytes: number): string {
	const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return new Intl.NumberFormat(currentLocale(), {
		style: 'unit',
		unit: units[unit],
		unitDisplay: 'short',
		maximumFractionDigits: 1
	}).format(value);
}

/** Why an import file was refused. */
export function importRefusalText(refusal: ImportRefusal): string {
	switch (refusal.code) {
		case 'too-large':
			return m.import_tooLarge({
				size: formatBytes(refusal.bytes),
				limit: formatBytes(refusal.limit)
			});
		case 'not-json':
			return m.import_notJson();
		case 'not-progress-file':
			return m.import_notProgress();
		case 'newer':
			return m.import_newer({ version: refusal.version });
		case 'damaged':
			return m.import_damaged({ where: refusal.where });
		case 'attempt-unreadable':
			return m.import_attemptUnreadable({
				n: refusal.n,
				reason: setAsideReasonText(refusal.reason)
			});
		case 'attempt-repeated':
			return m.import_attemptRepeated({ n: refusal.n, id: refusal.id });
	}
}
