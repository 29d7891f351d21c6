import { json } from '@sveltejs/kit';
import { getBank } from '$lib/server/bank';
import type { RequestHandler } from './$types';

// Written to a static file at build time: the trainer fetches it once and the service worker caches it.
export const prerender = true;

export const GET = (() => json(getBank())) satisfies RequestHandler;
