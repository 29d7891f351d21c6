/**
 * Registers the offline shell's service worker (src/service-worker.ts) once the page's first screen is
 * painted and the browser is idle, instead of at the window's load event (SvelteKit's own registration,
 * turned off in svelte.config.js). Its install fetches every file of the app for offline use; begun at
 * load, that ran beside the drill's first question on a phone's slow link, and its code was in every
 * page's HTML.
 */
import { dev } from '$app/environment';
import { resolve } from '$app/paths';
import { afterPaintWhenIdle } from '$lib/quiz/frame';

/** Registers the service worker after the first paint, in a browser that has service workers. */
export function startServiceWorker(): void {
	const workers = globalThis.navigator?.serviceWorker;
	if (!workers) return;
	afterPaintWhenIdle(() => {
		// Dev serves it as a module (see SvelteKit's service worker docs); a failed registration leaves the
		// app working online, as a browser without service workers does.
		workers
			.register(`${resolve('/')}service-worker.js`, { type: dev ? 'module' : 'classic' })
			.catch(() => {});
	});
}
