import { JoinBodySchema } from '$lib/live/protocol';
import { handle, ok, readBody } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Joins (201) or rejoins with a token (200). */
export const POST = (({ params, request, getClientAddress }) =>
	handle(async () => {
		const body = await readBody(request, JoinBodySchema);
		const joined = getRooms().join(params.code, body, getClientAddress());
		return ok(joined, joined.rejoined ? 200 : 201);
	})) satisfies RequestHandler;
