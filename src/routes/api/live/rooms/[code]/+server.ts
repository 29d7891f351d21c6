import { handle, ok } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Public facts about a room for the join page: phase, name mode, player and question counts. */
export const GET = (({ params, getClientAddress }) =>
	handle(() => ok(getRooms().info(params.code, getClientAddress())))) satisfies RequestHandler;
