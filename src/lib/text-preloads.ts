/**
 * The UI texts of the drill's own file come in one file per locale (see scripts/text-tables.ts). A drill
 * page's HTML asks for its locale's at once, beside its scripts: the locale is
 * decided in the page, so the HTML carries the files of both locales and a small inline script picks
 * (`preloadTexts`); without it a file would be asked for only once the script needing it has arrived and
 * run, a round trip later on a phone.
 */

/** Where the build writes which texts' files each grouped file has (read while the build prerenders). */
export const TEXT_TABLES_FILE = '.svelte-kit/output/text-tables.json';

/** Per grouped file (`_app/immutable/chunks/….js`), its texts' file in each locale, named alike. */
export type TextTables = Record<string, Record<string, string>>;

/** Per locale, the texts' files a page asks for at once, by their paths from the site's root. */
export type PageTexts = Record<string, string[]>;

/**
 * The texts' files of the grouped files among a page's `scripts` (paths or URLs naming `_app/…`), per
 * locale, by their paths from the site's root (the app is served there: its service worker's scope).
 */
export function pageTexts(scripts: readonly string[], tables: TextTables): PageTexts {
	const texts: PageTexts = {};
	for (const script of scripts) {
		const at = script.indexOf('_app/');
		const files = at < 0 ? undefined : tables[script.slice(at).split(/[?#]/)[0]!];
		for (const [locale, file] of Object.entries(files ?? {}))
			(texts[locale] ??= []).push(`/${file}`);
	}
	return texts;
}

/**
 * Run by a page's HTML: asks at once for the texts' files of `locale` among `texts` (modulepreload, as
 * SvelteKit asks for the page's scripts). Self-contained: it is turned into the text of an inline script.
 */
export function preloadTexts(texts: Record<string, readonly string[]>, locale: string): void {
	for (const href of texts[locale] ?? []) {
		const link = document.createElement('link');
		link.rel = 'modulepreload';
		link.href = href;
		document.head.appendChild(link);
	}
}
