/**
 * Keyboard control of a drill: number keys answer, Enter submits and goes on, Shift+Enter submits as
 * "not sure", Escape pauses. Pure: maps a key press on a snapshot to the event to send, or null.
 */
import type { Catalog } from './catalog';
import { isMultiSelect } from './grade';
import type { QuizEvent } from './machine';
import { questionView, screenOf, type QuizSnapshot } from './view';

export interface KeyPress {
	key: string;
	shift: boolean;
	/** True when the focused element handles this key itself (a button or link on Enter, a text field). */
	nativeTarget: boolean;
	at: number;
	/** Presenter mode: a clicker's → / PageDown / Space also move on. */
	presenter?: boolean;
}

/** Keys a presentation clicker sends for "next". */
const CLICKER_NEXT = new Set(['ArrowRight', 'PageDown', ' ']);

/** The event for a key press, or null when the key means nothing on this screen. */
export function keyToEvent(
	catalog: Catalog,
	snapshot: QuizSnapshot,
	press: KeyPress
): QuizEvent | null {
	if (press.nativeTarget) return null;
	const screen = screenOf(snapshot);
	const { at } = press;
	const key =
		press.presenter && CLICKER_NEXT.has(press.key) && screen !== 'asking' ? 'Enter' : press.key;
	if (key === 'Escape' && (screen === 'presenting' || screen === 'asking' || screen === 'feedback'))
		return { type: 'user.pause', at };
	if (key === 'Enter') {
		if (screen === 'presenting' || screen === 'feedback') return { type: 'user.next', at };
		if (screen === 'paused') return { type: 'user.resume', at };
		if (screen === 'asking' && questionView(catalog, snapshot)?.canSubmit)
			return { type: 'user.submit', confidence: press.shift ? 'unsure' : 'sure', at };
		return null;
	}
	if (screen !== 'asking' || !/^[1-9]$/.test(key)) return null;
	const view = questionView(catalog, snapshot);
	if (!view) return null;
	const n = Number(key) - 1;
	const q = view.question;
	// Step questions are answered by step number (as shown beside each step); others by the number shown
	// beside the option, which picks the option shown there (options are shuffled per drill).
	if (q.kind === 'flags' || q.kind === 'stop')
		return isMultiSelect(q) ? { type: 'user.toggle', index: n } : { type: 'user.select', index: n };
	const choice = view.choices[n];
	return choice === undefined ? null : { type: 'user.select', index: choice };
}

/**
 * Whether the element the key went to handles it itself (text fields always; buttons, links and
 * disclosure summaries for Enter), so the page's global quiz keys leave it alone. Every quiz page asks this
 * before turning a key press into a quiz event (`KeyPress.nativeTarget`).
 */
export function handlesKeyItself(target: EventTarget | null, key: string): boolean {
	if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
	if (['TEXTAREA', 'SELECT'].includes(target.tagName) || isEditable(target)) return true;
	if (target instanceof HTMLInputElement && !['radio', 'checkbox'].includes(target.type))
		return true;
	return (
		key === 'Enter' &&
		(target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'SUMMARY')
	);
}

/**
 * `isContentEditable` without its cost: reading it brings the page's styles up to date first (a forced
 * style recalculation inside the key press an answer waits on). An element can only be editable inside
 * a `contenteditable` element or a document in design mode, so the property is read only there.
 */
function isEditable(target: HTMLElement): boolean {
	if (target.ownerDocument.designMode !== 'on' && !target.closest('[contenteditable]'))
		return false;
	return target.isContentEditable;
}
