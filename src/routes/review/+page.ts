import { catalogOr503 } from '$lib/bank-client';
import type { PageLoad } from './$types';

// Review reads the learner's history from the browser's storage: the server sends only the shell.
export const ssr = false;

export const load = (({ fetch }) => catalogOr503(fetch)) satisfies PageLoad;
