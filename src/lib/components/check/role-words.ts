/**
 * The words the check offer needs (on the drill and home pages): a form's name and a check's title. Apart
 * from the rest of the check's words (./words.ts), so that those pages load none of the results' texts.
 */
import { m } from '$lib/i18n';
import type { CheckRole } from '$lib/checks/solo';

/** A form id as learners see it: "A", "B". */
export function formName(id: string): string {
	return id.toUpperCase();
}

/** A check's title by its role: the before-check, the after-check, a re-check. */
export function roleTitle(role: CheckRole): string {
	if (role === 'before') return m.check_role_before();
	if (role === 'after') return m.check_role_after();
	return m.check_role_recheck();
}
