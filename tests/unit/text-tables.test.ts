import { describe, expect, it } from 'vitest';
import { locales } from '../../src/lib/i18n/locale.svelte';
import { LOCALES } from '../../scripts/compact-messages';
import { selfContained, splitTexts } from '../../scripts/text-tables';
import { parseAst } from 'rolldown/parseAst';

/** A grouped file as the bundler writes it, before minifying: an import of `byLocale`, messages, an export. */
const chunk = `import { a as byLocale, b as plural } from "./app.js";
// src/lib/paraglide/messages/train_quick.js
var train_quick = /* @__PURE__ */ byLocale(() => {
	return \`Quick 10\`;
}, () => {
	return \`快速 10 题\`;
});
var quiz_progress = /* @__PURE__ */ byLocale((i) => {
	return \`Question \${i?.position} of \${i?.total}\`;
}, (i) => {
	return \`第 \${i?.position}/\${i?.total} 题\`;
});
var live_count = /* @__PURE__ */ byLocale((i) => {
	const n = plural("en", i?.n, {});
	return n === "one" ? "1 player" : \`\${i?.n} players\`;
}, (i) => {
	return \`\${i?.n} 人\`;
});
function Quick() { return train_quick(); }
export { train_quick as t, quiz_progress as q, live_count as l, Quick as Q };
`;

/** A text file's list, as the browser would import it. */
async function textsOf(source: string): Promise<((i?: object) => string)[]> {
	const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
	return ((await import(/* @vite-ignore */ url)) as { default: ((i?: object) => string)[] })
		.default;
}

const arrow = (code: string) =>
	(parseAst(`(${code})`).body[0] as unknown as { expression: Parameters<typeof selfContained>[0] })
		.expression;

describe('UI texts in a file per locale (the build takes them out of the grouped files)', () => {
	it("splits by the same locales as the app, in the order the build's messages hold their texts", () => {
		expect([...LOCALES]).toEqual([...locales]);
	});

	it('moves the texts that use only their inputs, keeps the others, and makes the file wait for its texts', async () => {
		const named: Record<string, string> = {};
		const { code, tables } = splitTexts(chunk, (locale, source) => {
			named[locale] = source;
			return `./text-page.${locale}.js`;
		});
		expect(tables).not.toBeNull();
		expect(named).toEqual(tables);
		// Each moved message keeps its place in the table; the one using a plural rule keeps both texts.
		expect(code).toContain('var train_quick = /* @__PURE__ */ byLocale(0, __texts);');
		expect(code).toContain('var quiz_progress = /* @__PURE__ */ byLocale(1, __texts);');
		expect(code).toContain('plural("en", i?.n, {})');
		expect(code).not.toContain('快速');
		expect(code).not.toContain('Quick 10');
		// The table right after the imports, naming both locales' files; the wait at the end.
		const lines = code.split('\n');
		expect(lines[0]).toBe('import { a as byLocale, b as plural } from "./app.js";');
		expect(lines[1]).toBe(
			'var __texts = { load: { "en": () => import("./text-page.en.js"), "zh-CN": () => import("./text-page.zh-CN.js") } };'
		);
		expect(code.trimEnd().split('\n').at(-1)).toBe('await __texts.ready;');
		// The texts' files give what the messages gave, in order.
		const en = await textsOf(tables!.en);
		const zh = await textsOf(tables!['zh-CN']);
		expect(en.map((t) => t({ position: 2, total: 10 }))).toEqual(['Quick 10', 'Question 2 of 10']);
		expect(zh.map((t) => t({ position: 2, total: 10 }))).toEqual(['快速 10 题', '第 2/10 题']);
		// Minified.
		expect(tables!.en).not.toContain('return');
	});

	it('finds `byLocale` where the file declares it, renamed or not', () => {
		const own = `function byLocale$1(en, zh) { return en; }\nvar a = byLocale$1(() => \`A\`, () => \`甲\`);\nexport { a };\n`;
		const { code, tables } = splitTexts(own, (l) => `./t.${l}.js`);
		expect(code).toContain('var a = byLocale$1(0, __texts);');
		expect(code.startsWith('\nvar __texts')).toBe(true);
		expect(tables).not.toBeNull();
	});

	it('leaves a file without messages, or without `byLocale`, as it is', () => {
		const none = 'import { x } from "./a.js";\nexport const y = x(() => `A`, () => `B`);\n';
		expect(splitTexts(none, () => './t.js')).toEqual({ code: none, tables: null });
		const inline = `import { a as byLocale } from "./app.js";\nvar n = byLocale((i) => f(i), (i) => f(i));\n`;
		expect(splitTexts(inline, () => './t.js')).toEqual({ code: inline, tables: null });
	});

	it('calls a text self-contained when it reads nothing but its own inputs', () => {
		expect(selfContained(arrow('() => `Quick 10`'))).toBe(true);
		expect(selfContained(arrow('(i) => { return `${i?.n} of ${i.total}`; }'))).toBe(true);
		expect(selfContained(arrow('(i) => ({ n: i.n })'))).toBe(true);
		expect(selfContained(arrow('(i) => `${plural("en", i.n)}`'))).toBe(false);
		expect(selfContained(arrow('(i) => i[key]'))).toBe(false);
		expect(selfContained(arrow('({ n }) => `${n}`'))).toBe(false);
		expect(selfContained(arrow('function () { return `A`; }'))).toBe(false);
	});
});
