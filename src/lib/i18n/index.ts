/**
 * The i18n layer of the UI. Every UI string is a Paraglide message (src/lib/i18n/messages/{locale}.json,
 * compiled to typed, tree-shaken functions: `m.train_title()`, `m.live_players({ n })`). Scenario texts
 * are `{ zh, en }` and are shown with `localText`. Logic, storage and server modules return codes; the
 * helpers below turn those codes into words, in the active locale.
 */
import type { LocalText } from '$lib/scenarios/schema';
import { m } from '$lib/paraglide/messages.js';
import { currentLocale, type Locale } from './locale.svelte';

export { m };
export {
	changeLocale,
	currentLocale,
	applyStoredLocale,
	syncDocumentLang,
	preferredLocale,
	isLocale,
	HTML_LANG,
	type Locale
} from './locale.svelte';

/**
 * A scenario, red-flag, lure or case text in the active locale. While the bank is being translated a text
 * may lack one language; the other one is shown rather than nothing.
 */
export function localText(text: Partial<LocalText> | string | null | undefined): string {
	if (text === null || text === undefined) return '';
	if (typeof text === 'string') return text;
	const zh = currentLocale() === 'zh-CN';
	return (zh ? text.zh || text.en : text.en || text.zh) ?? '';
}

const collators = new Map<Locale, Intl.Collator>();

/** Compares two texts as the active locale sorts them (Chinese by pinyin, English alphabetically). */
export function compareText(a: string, b: string): number {
	const locale = currentLocale();
	let collator = collators.get(locale);
	if (!collator) {
		collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
		collators.set(locale, collator);
	}
	return collator.compare(a, b);
}

/**
 * A list of numbers or words joined as the active locale joins them ("1, 2, and 3" / "1、2和3"), the way
 * Intl.ListFormat joins them (first pair, middle, last), with the joints as messages. Not Intl.ListFormat
 * itself: the first one a page makes loads the browser's list data, about 35 ms on a laptop and 140 ms on
 * a slow phone in one task, which fell on a drill's first red-flag feedback.
 */
export function formatList(items: readonly (string | number)[]): string {
	const [first = '', ...rest] = items.map(String);
	const last = rest.pop();
	if (last === undefined) return first;
	if (rest.length === 0) return m.quiz_listTwo({ a: first, b: last });
	const head = rest.reduce((a, b) => m.quiz_listMiddle({ a, b }), first);
	return m.quiz_listEnd({ a: head, b: last });
}

/** "message 3" / "messages 2, 4 and 5": message numbers (1-based) of a script. */
export function messageNumbers(numbers: readonly number[]): string {
	return m.review_messages({ n: numbers.length, list: formatList(numbers) });
}

/** The two verdict answers: 0 = scam, 1 = legitimate. */
export function verdictChoice(choice: number): string {
	if (choice === 0) return m.quiz_verdictChoices_0();
	if (choice === 1) return m.quiz_verdictChoices_1();
	return '?';
}

/** The heading of each kind of question. */
export function kindHeading(kind: 'decide' | 'flags' | 'verdict' | 'stop'): string {
	switch (kind) {
		case 'decide':
			return m.quiz_kinds_decide();
		case 'flags':
			return m.quiz_kinds_flags();
		case 'verdict':
			return m.quiz_kinds_verdict();
		case 'stop':
			return m.quiz_kinds_stop();
	}
}

/** The name of a channel a script arrives on. */
export function channelName(channel: string): string {
	switch (channel) {
		case 'call':
			return m.channel_call();
		case 'sms':
			return m.channel_sms();
		case 'wechat':
			return m.channel_wechat();
		case 'wechat-group':
			return m.channel_wechat_group();
		case 'qq-group':
			return m.channel_qq_group();
		case 'job-ad':
			return m.channel_job_ad();
		case 'dating-chat':
			return m.channel_dating_chat();
		case 'app':
			return m.channel_app();
		case 'email':
			return m.channel_email();
		case 'public-account':
			return m.channel_public_account();
		case 'in-person':
			return m.channel_in_person();
		default:
			return channel;
	}
}

/** The name of a stage of a lure script. */
export function stageName(stage: string): string {
	switch (stage) {
		case 'contact':
			return m.stage_contact();
		case 'trust':
			return m.stage_trust();
		case 'private':
			return m.stage_private();
		case 'small-win':
			return m.stage_small_win();
		case 'big-loss':
			return m.stage_big_loss();
		default:
			return stage;
	}
}

/** A scenario's verdict as a badge says it. */
export function verdictName(verdict: 'scam' | 'legitimate'): string {
	return verdict === 'scam' ? m.library_scam() : m.library_legitimate();
}

/** A label before its value ("Safe action:" / "安全做法："): the colon belongs to the language. */
export function label(text: string): string {
	return m.ui_label({ label: text });
}
