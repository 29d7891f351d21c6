import { HostBodySchema } from '$lib/live/protocol';
import { handle, ok, readBody } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The host's full view (`?secret=`). */
export const GET = (({ params, url, getClientAddress }) =>
	handle(() =>
		ok(getRooms().hostState(params.code, url.searchParams.get('secret') ?? '', getClientAddress()))
	)) satisfies RequestHandler;

/** A host command: `{ secret, action }`. */
export const POST = (({ params, request, getClientAddress }) =>
	handle(async () => {
		const body = await readBody(request, HostBodySchema);
		return ok(getRooms().host(params.code, body, getClientAddress()));
	})) satisfies RequestHandler;
