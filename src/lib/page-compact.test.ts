import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactPage } from './page-compact';

/** The elements of a page in order, with their attributes: what compacting must keep. */
const tags = (html: string) =>
	[...html.matchAll(/<([a-z][\w-]*)\b([^>]*)>/gi)].map(
		(t) => `${t[1]} ${t[2]!.replace(/\s+/g, ' ').trim()}`
	);
/** The words of a page outside its comments. */
const words = (html: string) =>
	html
		.replace(/<!--[\s\S]*?-->/g, '')
		.split(/\s+/)
		.filter(Boolean);

describe('the page as sent', () => {
	it('drops comments and indentation from markup and styles', () => {
		const html =
			'<head>\n\t\t<!-- why -->\n\t\t<style>\n\t\t\t/* why */\n\t\t\t.a { color: red; }\n\t\t</style>\n\t</head>';
		expect(compactPage(html)).toBe('<head>\n\n<style>\n\n.a { color: red; }\n</style>\n</head>');
	});

	it('leaves scripts, pre and textarea exactly as they are', () => {
		const script =
			'<script>\n\t\t// a comment\n\t\tconst s = "<!-- not a comment -->"; /* kept */\n\t</script>';
		const pre = '<pre>\n\t  two\n\t    lines</pre>';
		const area = '<textarea>\n\t x</textarea>';
		expect(compactPage(`<body>\n\t${script}\n\t${pre}\n\t${area}\n</body>`)).toBe(
			`<body>\n${script}\n${pre}\n${area}\n</body>`
		);
	});

	it('cuts a comment that names a script as a comment, and keeps what follows', () => {
		expect(compactPage('<p>a</p><!-- the <script> below --><p>b</p><script>x()</script>')).toBe(
			'<p>a</p><p>b</p><script>x()</script>'
		);
	});

	it('keeps a comment left open, and the page after it', () => {
		expect(compactPage('<p>a</p>\n\t<!-- open <p>b</p>')).toBe('<p>a</p>\n<!-- open <p>b</p>');
	});

	it("keeps every element, attribute and word of the app's template, without its comments", () => {
		const template = readFileSync('src/app.html', 'utf8');
		const sent = compactPage(template);
		expect(template).toContain('<!--');
		expect(sent).not.toContain('<!--');
		expect(tags(sent)).toEqual(tags(template));
		expect(words(sent.replace(/<style\b[\s\S]*?<\/style>/g, ''))).toEqual(
			words(template.replace(/<style\b[\s\S]*?<\/style>/g, ''))
		);
		expect(sent.length).toBeLessThan(template.length * 0.85);
	});
});
