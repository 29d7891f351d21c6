import { handle, hostSecretOf, ok } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The team report (host cookie or `x-host-secret`); partial until the session reaches its report phase. */
export const GET = ((event) =>
	handle(() =>
		ok(getRooms().report(event.params.code, hostSecretOf(event), event.getClientAddress()))
	)) satisfies RequestHandler;
