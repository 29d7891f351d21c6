import { ClaimBodySchema } from '$lib/live/protocol';
import { handle, ok, readBody, setHostCookie } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * Makes this browser the room's host and gives it the host cookie: `{ secret }` renews the cookie,
 * `{ handover }` takes the room over with a one-time code (a new secret replaces the old one).
 */
export const POST = (({ params, request, url, cookies, getClientAddress }) =>
	handle(async () => {
		const body = await readBody(request, ClaimBodySchema);
		const rooms = getRooms();
		const claimed = rooms.claim(params.code, body, getClientAddress());
		setHostCookie(cookies, url, claimed.code, claimed.hostSecret, rooms.hostCookieSeconds);
		return ok(claimed);
	})) satisfies RequestHandler;
