/**
 * Why a record was set aside, in words: only where a record has been set aside (the drill page's notice,
 * loaded when there is one; the data page's import refusals), kept out of the i18n index so that no page
 * loads these messages as it starts.
 */
import { m } from '$lib/paraglide/messages.js';
import { parseReason } from '$lib/progress/reasons';

/** Why a record was set aside, from its stored reason (see src/lib/progress/reasons.ts). */
export function setAsideReasonText(reason: string): string {
	const { code, detail } = parseReason(reason);
	switch (code) {
		case 'quiz-unreadable':
			return m.reason_quizUnreadable();
		case 'quiz-newer':
			return m.reason_quizNewer();
		case 'quiz-older':
			return m.reason_quizOlder();
		case 'quiz-damaged':
			return m.reason_quizDamaged({ where: detail });
		case 'quiz-changed':
			return m.reason_quizChanged();
		case 'quiz-no-fit':
			return m.reason_quizNoFit();
		case 'attempt-no-version':
			return m.reason_attemptNoVersion();
		case 'attempt-newer':
			return m.reason_attemptNewer({ version: detail });
		case 'attempt-damaged':
			return m.reason_attemptDamaged({ where: detail });
		case 'attempt-key':
			return m.reason_attemptKey();
		case 'settings-newer':
			return m.reason_settingsNewer({ version: detail });
		case 'settings-damaged':
			return m.reason_settingsDamaged({ where: detail });
		case 'quarantine-unrecognised':
			return m.reason_unrecognised();
		case 'cards-damaged':
			return m.reason_cardsDamaged({ where: detail });
		case 'other':
			return m.reason_other({ detail });
	}
}
