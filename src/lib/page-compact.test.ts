import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactPage, compactPageForBuild } from './page-compact';

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

	it("for the build, minifies styles too: the template's shell keeps every rule, in fewer bytes", async () => {
		const template = readFileSync('src/app.html', 'utf8');
		const compact = compactPage(template);
		const built = await compactPageForBuild(template);
		const style = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
		// As many rules, the same properties (the minifier may write them in another order), no line breaks.
		const rules = (css: string) => css.split('{').length;
		const properties = (css: string) =>
			[...css.matchAll(/([a-z-]+)\s*:(?!\w+-child)/g)]
				.map((m) => m[1])
				.sort()
				.join(' ');
		expect(rules(style(built))).toBe(rules(style(compact)));
		expect(properties(style(built))).toBe(properties(style(compact)));
		expect(style(built)).not.toContain('\n');
		expect(style(built).length).toBeLessThan(style(compact).length * 0.9);
		// The rest of the page as compactPage leaves it.
		expect(built.replace(/<style>[\s\S]*?<\/style>/, '')).toBe(
			compact.replace(/<style>[\s\S]*?<\/style>/, '')
		);
	});

	it('for the build, a style that does not parse is compacted, not lost; scripts are left as they are', async () => {
		const script = '<script>\n\tconst css = "<style>.a { color: red; }</style>";\n</script>';
		expect(await compactPageForBuild('<style>\n\t.a { color: red; }\n</style>')).toBe(
			'<style>.a{color:red}</style>'
		);
		expect(await compactPageForBuild('<style>\n\t@media ( { }\n</style>' + script)).toBe(
			'<style>\n@media ( { }\n</style>' + script
		);
	});
});
