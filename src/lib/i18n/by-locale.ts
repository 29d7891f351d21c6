/**
 * The locale switch of every UI message in the browser build (see scripts/compact-messages.ts): one
 * function shared by all messages instead of one compiled into each, so that a message's code in the
 * build is little more than its two texts. It reads the app's own locale (./locale.svelte.ts), not
 * Paraglide's `getLocale`, so the build holds none of Paraglide's locale-resolving runtime.
 *
 * In the drill's own file (see vite.config.ts), a message's texts are not in the file at all: the build
 * moves them into one file of texts per locale (scripts/text-tables.ts), and the message keeps only its
 * place in it. A learner then downloads the texts of their own language only; the other language's are
 * fetched when they switch.
 */
import { beforeLocaleChange, currentLocale } from './locale.svelte';

/** The text of one message in one locale. */
type Text<I> = (inputs: I) => string;

/** A message as the app calls it: the locale given in `options`, else the active one. */
type Message<I> = (inputs?: I, options?: { locale?: string }) => string;

/**
 * The texts of one grouped file's messages, as the build writes it into that file: `load` fetches one
 * locale's texts (the file's message `i` is the text at `i`), `texts` holds those fetched so far, and
 * `ready` settles once the locale active when the file ran has its texts. The file waits for `ready` before
 * it finishes loading, so no message of it is ever called before its texts are in.
 */
export interface TextTable {
	load: Record<string, () => Promise<{ default: readonly Text<never>[] }>>;
	texts?: Record<string, readonly Text<never>[]>;
	ready?: Promise<void>;
}

// Not reactive: the tables a switch of language fetches the next locale's texts for.
const tables = new Set<TextTable>();

/** Fetches a table's texts in `locale`, once. */
async function fetchTexts(table: TextTable, locale: string): Promise<void> {
	if (table.texts?.[locale]) return;
	const texts = (await table.load[locale]!()).default;
	table.texts = { ...table.texts, [locale]: texts };
}

/**
 * The first table seen registers the switch's work: every table fetches the next locale's texts before
 * the UI changes to it (a failed fetch keeps the language, as any page's failed fetch does).
 */
function register(table: TextTable): void {
	if (tables.size === 0)
		beforeLocaleChange(async (next) => {
			await Promise.all([...tables].map((t) => fetchTexts(t, next)));
		});
	tables.add(table);
	table.ready = fetchTexts(table, currentLocale());
}

/**
 * A message that picks its text by locale as Paraglide's own compiled messages do: the locale given in
 * `options`, else the active one (reactive, as `currentLocale` is). Either its two texts (English, the
 * base locale, also for any other locale; then Chinese), or its place `index` in a grouped file's `table`.
 * A message asked for in a locale whose texts its table does not hold yet throws, saying so.
 */
export function byLocale<I>(en: Text<I>, zh: Text<I>): Message<I>;
export function byLocale<I>(index: number, table: TextTable): Message<I>;
export function byLocale<I>(en: Text<I> | number, zh: Text<I> | TextTable): Message<I> {
	if (typeof en === 'number') {
		const table = zh as TextTable;
		if (!table.ready) register(table);
		return (inputs = {} as I, options = {}) => {
			const held = table.texts?.[options.locale ?? currentLocale()];
			// Only code that runs as its file loads could get here: a message is for what is drawn later.
			if (!held) throw new Error(`UI text ${en} asked for before its texts were in`);
			return (held[en] as Text<I>)(inputs);
		};
	}
	return (inputs = {} as I, options = {}) =>
		((options.locale ?? currentLocale()) === 'zh-CN' ? (zh as Text<I>) : en)(inputs);
}
