import { json } from '@sveltejs/kit';
import { getBank } from '$lib/server/bank';
import { homeFigures } from '$lib/scenarios/summary';
import type { RequestHandler } from './$types';

// Written to a static file at build time: the figures the home page quotes (its load fetches them).
export const prerender = true;

export const GET = (() => json(homeFigures(getBank()))) satisfies RequestHandler;
