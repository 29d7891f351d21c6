import { catalogOr503 } from '$lib/bank-client';
import type { PageLoad } from './$types';

// The check lives in the browser (its answers are in IndexedDB): the server sends only the shell.
export const ssr = false;

export const load = (({ fetch }) => catalogOr503(fetch)) satisfies PageLoad;
