/**
 * A page's HTML as sent: without the comments and indentation of its template (src/app.html, written to be
 * read, with a comment for each of its choices). Every page is client-rendered, so the HTML sent is that
 * template with SvelteKit's links and scripts, and on a phone's slow link its bytes come before the first
 * question. Scripts, and elements whose whitespace shows (`pre`, `textarea`), are left exactly as they are
 * (a script's hash in the page's policy covers its text); styles lose their comments and indentation too.
 */

/**
 * The page cut into what is read in turn: scripts and whitespace-keeping elements (left as they are),
 * styles, comments, and the markup between them. The first to begin wins, so a comment that names a
 * script is a comment.
 */
const PARTS =
	/(<script\b[^>]*>[\s\S]*?<\/script>|<pre\b[^>]*>[\s\S]*?<\/pre>|<textarea\b[^>]*>[\s\S]*?<\/textarea>|<style\b[^>]*>[\s\S]*?<\/style>|<!--[\s\S]*?-->)/gi;

/** Indentation at the start of a line: whitespace between tags or words, which one newline keeps. */
const indentation = (text: string) => text.replace(/\n[\t ]+/g, '\n');

function compactPart(part: string): string {
	if (/^<(script|pre|textarea)\b/i.test(part)) return part;
	if (/^<style\b/i.test(part)) return indentation(part.replace(/\/\*[\s\S]*?\*\//g, ''));
	// A comment left open is not cut: what follows it would go with it.
	if (part.startsWith('<!--') && part.endsWith('-->')) return '';
	return indentation(part);
}

/** `html` without its template's comments and indentation (see above). */
export function compactPage(html: string): string {
	return html.split(PARTS).map(compactPart).join('');
}

/**
 * A style's CSS minified by lightningcss (the CSS minifier of the app's own build), or compacted as above
 * where it does not parse.
 */
function minifyStyle(part: string, minify: typeof import('lightningcss').transform): string {
	const [, open = '', css = '', close = ''] =
		/^(<style\b[^>]*>)([\s\S]*)(<\/style>)$/i.exec(part) ?? [];
	try {
		const { code } = minify({ filename: 'page.css', code: Buffer.from(css), minify: true });
		return open + code.toString() + close;
	} catch {
		return compactPart(part);
	}
}

/**
 * `html` as `compactPage` makes it, with its styles minified as well: the template's own style (the
 * loading shell's, written to be read) is a few hundred bytes of whitespace in every page otherwise. For
 * the pages the build prerenders, which is where the minifier is loaded: the server that serves the
 * built app never loads it.
 */
export async function compactPageForBuild(html: string): Promise<string> {
	const { transform } = await import('lightningcss');
	return html
		.split(PARTS)
		.map((part) => (/^<style\b/i.test(part) ? minifyStyle(part, transform) : compactPart(part)))
		.join('');
}
