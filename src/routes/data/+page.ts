import { catalogOr503 } from '$lib/bank-client';
import type { PageLoad } from './$types';

// Everything on this page is the learner's own browser storage: the server sends only the shell.
export const ssr = false;

export const load = (({ fetch }) => catalogOr503(fetch)) satisfies PageLoad;
