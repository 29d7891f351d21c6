/**
 * Code a page fetches only when a visit needs it (a dynamic import), fetched once and shared by every
 * caller. A failed fetch is forgotten, so that the next call tries again (a lost connection on a first
 * visit, before the service worker holds the file).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let pending: Promise<T> | null = null;
	return () =>
		(pending ??= load().catch((err: unknown) => {
			pending = null;
			throw err;
		}));
}

/**
 * What a loader of browser-only code gives on the server, where client-rendered pages never draw it. Its
 * caller writes `import.meta.env.SSR ? drawnInBrowser() : import(…)`, so that the server build holds no
 * import of that code (SvelteKit would put the styles of what a page's server code may render into its
 * HTML).
 */
export function drawnInBrowser(): Promise<never> {
	return Promise.reject(new Error('Drawn in the browser'));
}
