import { handle, ok } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The team report (`?secret=`); partial until the session reaches its report phase. */
export const GET = (({ params, url, getClientAddress }) =>
	handle(() =>
		ok(getRooms().report(params.code, url.searchParams.get('secret') ?? '', getClientAddress()))
	)) satisfies RequestHandler;
