import { HostBodySchema } from '$lib/live/protocol';
import { handle, hostSecretOf, ok, readBody } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The host's full view (host cookie or `x-host-secret`). */
export const GET = ((event) =>
	handle(() =>
		ok(getRooms().hostState(event.params.code, hostSecretOf(event), event.getClientAddress()))
	)) satisfies RequestHandler;

/** A host command: `{ secret, action }`. */
export const POST = (({ params, request, getClientAddress }) =>
	handle(async () => {
		const body = await readBody(request, HostBodySchema);
		return ok(getRooms().host(params.code, body, getClientAddress()));
	})) satisfies RequestHandler;
