import adapter from '@sveltejs/adapter-node';
import { withLiveHandler } from './server/adapter.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true,
		// No `window.__svelte.v` version mark: a write every page's file would carry for no user of the app.
		discloseVersion: false
	},
	kit: {
		// adapter-node, with the live rooms' hot routes for phones served before SvelteKit (server/).
		adapter: withLiveHandler(adapter()),
		// Registered by the app once its first screen is painted (src/lib/service-worker-start.ts).
		serviceWorker: { register: false },
		// A page's styles (at most 6 KB a file, 2-4 KB gzip a page) come inside its HTML instead of as files
		// of their own: a phone's link fetches six files at a time, and the drill page's three style files
		// held back its scripts by a round trip. SvelteKit still names each file, disabled, for its own use.
		inlineStyleThreshold: 8192,
		// Content-Security-Policy: SvelteKit hashes its own inline bootstrap script on prerendered pages and
		// gives it a nonce on rendered ones, so scripts never need 'unsafe-inline' and an injected script or
		// a `javascript:` link cannot run. Styles keep 'unsafe-inline': Svelte sets style attributes (bar
		// widths, transitions) at run time. Images allow data: for the join QR code, drawn as an SVG data
		// URL. Everything else comes from this origin, including the live API's JSON requests and event
		// streams and the service worker. Every page gets its policy as a response header: SvelteKit writes
		// a prerendered page's into a <meta> tag, which the build moves into a header the server sends with
		// that page (server/page-csp.js), as Chromium's preload scanner waits for such a tag before asking
		// for the page's scripts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
