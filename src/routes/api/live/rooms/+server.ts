import { CreateRoomBodySchema, type CreateRoomResponse } from '$lib/live/protocol';
import { handle, ok, readBody } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import { joinUrl } from '$lib/server/live/lan';
import type { RequestHandler } from './$types';

// Live rooms are state on this server: never prerendered, whatever the root layout says.
export const prerender = false;

/** Creates a room: `201 { code, hostSecret, joinUrl, room }`. */
export const POST = (({ request, url, getClientAddress }) =>
	handle(async () => {
		const options = await readBody(request, CreateRoomBodySchema);
		const created = getRooms().create(options, getClientAddress());
		const body: CreateRoomResponse = { ...created, joinUrl: joinUrl(url, created.code).url };
		return ok(body, 201);
	})) satisfies RequestHandler;
