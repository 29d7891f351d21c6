import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byLocale } from '../../src/lib/i18n/by-locale';
import * as registry from '../../src/lib/paraglide/registry.js';
import { experimentalStaticLocale, getLocale } from '../../src/lib/paraglide/runtime.js';
import { MESSAGE_MODULE, compactMessage } from '../../scripts/compact-messages';

const DIR = resolve('src/lib/paraglide/messages');
const HELPER = resolve('src/lib/i18n/by-locale.ts');
const files = readdirSync(DIR)
	.map((name) => join(DIR, name))
	.filter((file) => MESSAGE_MODULE.test(file));

type Message = (inputs?: unknown, options?: { locale?: string }) => string;

/** A message module's code run as a function (its imports given, its export returned). */
function run(code: string): Message {
	const name = /export (?:const (\w+) =|\{ (\w+) as )/.exec(code)?.slice(1).find(Boolean);
	const body = code
		.replace(/^(import .*|export \{.*)$/gm, '')
		.replace(/export const (\w+) =/, 'const $1 =')
		.concat(`\nreturn ${name};`);
	return new Function('getLocale', 'experimentalStaticLocale', 'registry', 'byLocale', body)(
		getLocale,
		experimentalStaticLocale,
		registry,
		byLocale
	) as Message;
}

/** Inputs with every parameter set to `n` (a number: plural rules read it, templates print it). */
const inputs = (n: number) => new Proxy({}, { get: (_, key) => (key === 'then' ? undefined : n) });

describe('compact UI messages (the build rewrites each compiled message to call one shared switch)', () => {
	it('finds every compiled message and leaves out the index', () => {
		expect(files.length).toBeGreaterThan(500);
		expect(files.some((f) => f.endsWith('_index.js'))).toBe(false);
	});

	it('gives the same text as the compiled message, in both locales, with and without inputs', () => {
		const differ: string[] = [];
		for (const file of files) {
			const code = readFileSync(file, 'utf8');
			const before = run(code);
			const after = run(compactMessage(code, file, HELPER));
			for (const locale of ['en', 'zh-CN'])
				for (const given of [inputs(1), inputs(3), undefined]) {
					const a = before(given, { locale });
					if (after(given, { locale }) !== a) differ.push(`${file} ${locale}`);
				}
			if (after(inputs(2)) !== before(inputs(2))) differ.push(`${file} active locale`);
		}
		expect(differ).toEqual([]);
	});

	it('writes the texts into one call and keeps no switch of its own', () => {
		const file = join(DIR, 'channel_call.js');
		const out = compactMessage(readFileSync(file, 'utf8'), file, HELPER);
		expect(out).toContain(`import { byLocale } from ${JSON.stringify(HELPER)};`);
		expect(out).toMatch(/export const channel_call = \/\* @__PURE__ \*\/ byLocale\(\(\) => \{/);
		expect(out).toContain('`Phone call`');
		expect(out).toContain('`电话`');
		expect(out).not.toMatch(/const (en|zh_cn2)_channel_call/);
		expect(out).not.toContain('options.locale');
		// Nothing of Paraglide's runtime: `byLocale` reads the app's own locale.
		expect(out).not.toMatch(/^import .*runtime\.js/m);
	});

	it('stops with the file named when a module is not a compiled message', () => {
		const file = join(DIR, 'channel_call.js');
		const code = readFileSync(file, 'utf8');
		const threeLocales = code.replace(
			'if (locale === "zh-CN")',
			'if (locale === "fr") return en_channel_call(inputs)\n\tif (locale === "zh-CN")'
		);
		expect(() => compactMessage(threeLocales, file, HELPER)).toThrow(
			/channel_call\.js: not a compiled UI message as expected \(0 locale switches\)/
		);
		expect(() => compactMessage('export const a = 1; export const b = 2;', 'x.js', HELPER)).toThrow(
			/x\.js: .*\(0 locale switches\)/
		);
		expect(() =>
			compactMessage(code.replace(/const en_channel_call = [^;]*;/s, ''), file, HELPER)
		).toThrow(/no function for en/);
	});
});
