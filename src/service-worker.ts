/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The offline shell: every built asset, static file and prerendered page (including the scenario bank:
 * bank.json, and the drill's files in each locale, bank-index.<locale>.json and each scenario's
 * scenarios/<id>.<locale>.json, both languages, since a learner may switch offline) is cached on install,
 * so after one visit the whole solo trainer works with no network.
 * Cached files are served first (they are versioned by the build); other GET requests go to the network
 * and fall back to the cache.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `fraud-drill-${version}`;
const ASSETS = [...new Set([...build, ...files, ...prerendered])];
const PRECACHED = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(ASSETS))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

/** Prerendered pages are cached under their path; `/train/` and `/train` are the same page. */
function cacheKey(url: URL): string {
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
	return PRECACHED.has(path) ? path : url.pathname;
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	// The live API is never cached: its event streams never end (caching one would hold the response
	// forever), and its answers carry secrets and change from one second to the next.
	if (url.pathname.startsWith('/api/')) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const key = cacheKey(url);
			if (PRECACHED.has(key)) {
				const hit = await cache.match(key);
				if (hit) return hit;
			}
			try {
				const response = await fetch(request);
				if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
				return response;
			} catch (err) {
				const fallback = (await cache.match(request)) ?? (await cache.match(key));
				if (fallback) return fallback;
				throw err;
			}
		})()
	);
});
