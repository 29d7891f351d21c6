import { json } from '@sveltejs/kit';
import { libraryIndex } from '$lib/scenarios/library';
import { getBank } from '$lib/server/bank';
import type { RequestHandler } from './$types';

// Written to a static file at build time: the library's index, grouped by lure type (its load fetches it).
export const prerender = true;

export const GET = (() => json(libraryIndex(getBank()))) satisfies RequestHandler;
