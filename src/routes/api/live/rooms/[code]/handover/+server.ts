import { HandoverBodySchema } from '$lib/live/protocol';
import { handle, ok, readBody } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** A one-time code to hand the room to another device: `{ secret }` → `201 { handover, expiresAt }`. */
export const POST = (({ params, request, getClientAddress }) =>
	handle(async () => {
		const body = await readBody(request, HandoverBodySchema);
		return ok(getRooms().handover(params.code, body.secret, getClientAddress()), 201);
	})) satisfies RequestHandler;
