import { CheckBodySchema } from '$lib/live/protocol';
import { handle, ok, readBody } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Records a player's answer to one item of the open before- or after-check. */
export const POST = (({ params, request, getClientAddress }) =>
	handle(async () => {
		const body = await readBody(request, CheckBodySchema);
		return ok(getRooms().check(params.code, body, getClientAddress()));
	})) satisfies RequestHandler;
