import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { liftCsp, liftPageCsp, withLiveHandler } from '../../server/adapter.js';
import { PAGE_CSP_FILE, requestPath } from '../../server/page-csp.js';

const POLICY =
	"default-src 'self'; script-src 'self' 'sha256-rYNl5PkWfsurm1F9JGYQZzfVoySIeDayMeMNWr1/aIs='";
/** A page as SvelteKit prerenders it: the policy in a <meta> tag, its attribute escaped. */
const page = (policy: string, body = '<p>hi</p>') =>
	`<!doctype html><html><head><meta charset="utf-8" />\n\t\t<meta http-equiv="content-security-policy" content="${policy.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">\n\t\t<link href="./a.js" rel="modulepreload"></head><body>${body}</body></html>`;

describe('a prerendered page’s policy taken out of it', () => {
	it('gives the policy as it was written and the page without the tag, the rest unchanged', () => {
		const lifted = liftCsp(page(POLICY), 'train.html');
		expect(lifted.policy).toBe(POLICY);
		expect(lifted.html).not.toContain('content-security-policy');
		expect(lifted.html).toBe(page(POLICY).replace(/<meta http-equiv[^>]*>/, ''));
	});

	it('reads the escaped characters of the attribute back', () => {
		const policy = `${POLICY}; report-uri /csp?a=1&b="2"`;
		expect(liftCsp(page(policy), 'train.html').policy).toBe(policy);
	});

	it('refuses a page with no policy tag or with two, naming the page', () => {
		expect(() => liftCsp('<html><head></head></html>', 'join.html')).toThrow(
			/join\.html: expected one content-security-policy <meta>, found 0/
		);
		const twice = page(POLICY).replace(
			'</head>',
			`${/<meta http-equiv[^>]*>/.exec(page(POLICY))?.[0]}</head>`
		);
		expect(() => liftCsp(twice, 'join.html')).toThrow(/found 2/);
	});

	it('refuses a policy that cannot be a header value', () => {
		expect(() => liftCsp(page(`${POLICY}; x é`), 'data.html')).toThrow(
			/data\.html: its content-security-policy cannot be sent as a header/
		);
	});
});

describe('the build’s pages and their header table', () => {
	let dir = '';
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('writes each page without its tag, and the table by path', () => {
		dir = mkdtempSync(join(tmpdir(), 'fd-page-csp-'));
		mkdirSync(join(dir, 'prerendered', 'library'), { recursive: true });
		const other = POLICY.replace('rYNl', 'xxxx');
		writeFileSync(join(dir, 'prerendered', 'index.html'), page(POLICY, 'home'));
		writeFileSync(join(dir, 'prerendered', 'library', 'a.html'), page(other, 'a'));
		liftPageCsp(
			dir,
			new Map([
				['/', { file: 'index.html' }],
				['/library/a', { file: 'library/a.html' }]
			])
		);
		const table = JSON.parse(readFileSync(join(dir, PAGE_CSP_FILE), 'utf8'));
		expect(table).toEqual({ '/': POLICY, '/library/a': other });
		const home = readFileSync(join(dir, 'prerendered', 'index.html'), 'utf8');
		expect(home).not.toContain('content-security-policy');
		expect(home).toContain('home');
	});

	it('happens as the adapter writes the pages, so the copies it compresses after have no tag', async () => {
		dir = mkdtempSync(join(tmpdir(), 'fd-page-csp-'));
		const out = dir;
		const pages = new Map([['/train', { file: 'train.html' }]]);
		// An adapter that writes the pages, then compresses what it wrote and writes its server, as
		// adapter-node does; and the builder's part: the prerendered page as SvelteKit made it.
		const adapter = {
			name: 'node-like',
			async adapt(builder: { writePrerendered(dest: string): string[] }) {
				builder.writePrerendered(join(out, 'prerendered'));
				const at = join(out, 'prerendered', 'train.html');
				writeFileSync(`${at}.gz`, gzipSync(readFileSync(at)));
				writeFileSync(join(out, 'index.js'), 'polka({ server: httpServer }).use(handler);\n');
			}
		};
		const builder = {
			prerendered: { pages },
			writePrerendered(dest: string) {
				mkdirSync(dest, { recursive: true });
				writeFileSync(join(dest, 'train.html'), page(POLICY, 'train'));
				return ['train.html'];
			}
		};
		const wrapped = withLiveHandler(adapter as never, out);
		await wrapped.adapt(builder as never);
		const gz = gunzipSync(readFileSync(join(out, 'prerendered', 'train.html.gz'))).toString();
		expect(gz).not.toContain('content-security-policy');
		expect(gz).toContain('train');
		expect(JSON.parse(readFileSync(join(out, PAGE_CSP_FILE), 'utf8'))).toEqual({
			'/train': POLICY
		});
		expect(readFileSync(join(out, 'index.js'), 'utf8')).toContain(
			'.use(liveRoutes, pageCsp, handler)'
		);
	});

	it('stops the build at a page without a policy, naming it', () => {
		dir = mkdtempSync(join(tmpdir(), 'fd-page-csp-'));
		mkdirSync(join(dir, 'prerendered'), { recursive: true });
		writeFileSync(join(dir, 'prerendered', 'check.html'), '<html></html>');
		expect(() => liftPageCsp(dir, new Map([['/check', { file: 'check.html' }]]))).toThrow(
			/check\.html/
		);
	});
});

describe('the path a request is matched by', () => {
	it('is the path without the query, percent-decoded', () => {
		expect(requestPath('/train?x=1')).toBe('/train');
		expect(requestPath('/library/a%2Db')).toBe('/library/a-b');
		expect(requestPath('/')).toBe('/');
	});

	it('stays as sent when it does not decode', () => {
		expect(requestPath('/%E0%A4%A')).toBe('/%E0%A4%A');
	});
});
