import { CreateRoomBodySchema, type CreateRoomResponse } from '$lib/live/protocol';
import { handle, ok, readBody, setHostCookie } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import { joinUrl } from '$lib/server/live/lan';
import type { RequestHandler } from './$types';

// Live rooms are state on this server: never prerendered, whatever the root layout says.
export const prerender = false;

/**
 * Creates a room: `201 { code, hostSecret, joinUrl, room }`, and gives this browser the room's host cookie,
 * which the host's event stream and GET requests use instead of the secret in a URL.
 */
export const POST = (({ request, url, cookies, getClientAddress }) =>
	handle(async () => {
		const options = await readBody(request, CreateRoomBodySchema);
		const rooms = getRooms();
		const created = rooms.create(options, getClientAddress());
		setHostCookie(cookies, url, created.code, created.hostSecret, rooms.hostCookieSeconds);
		const body: CreateRoomResponse = { ...created, joinUrl: joinUrl(url, created.code).url };
		return ok(body, 201);
	})) satisfies RequestHandler;
