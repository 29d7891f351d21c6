import { catalogOr503 } from '$lib/bank-client';
import type { PageLoad } from './$types';

// Presenter mode runs wholly in the browser (no server, works offline once visited).
export const ssr = false;

export const load = (({ fetch }) => catalogOr503(fetch)) satisfies PageLoad;
