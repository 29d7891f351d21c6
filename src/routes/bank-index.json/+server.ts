import { json } from '@sveltejs/kit';
import { bankIndex } from '$lib/quiz/catalog';
import { getBank } from '$lib/server/bank';
import type { RequestHandler } from './$types';

// Written to a static file at build time: what every drill needs before its first question (red flags,
// lure types, cases, forms, and each scenario's id, lure, verdict and question ids), without the scripts.
export const prerender = true;

export const GET = (() => json(bankIndex(getBank()))) satisfies RequestHandler;
