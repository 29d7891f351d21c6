import { handle, hostSecretOf, lastEventIdOf } from '$lib/server/live/http';
import { getRooms, type StreamAuth } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * The room's Server-Sent Events: a player with `?player=<id>&token=<token>` (EventSource cannot send
 * headers); the host by the room's host cookie, which EventSource sends by itself, so the host secret
 * never appears in a URL (or a proxy's log).
 */
export const GET = ((event) =>
	handle(() => {
		const { params, url, request, getClientAddress } = event;
		const q = url.searchParams;
		const auth: StreamAuth = q.has('player')
			? { playerId: q.get('player') ?? '', token: q.get('token') ?? '' }
			: { secret: hostSecretOf(event) };
		return getRooms().stream(
			params.code,
			auth,
			lastEventIdOf(request.headers.get('last-event-id'), q),
			getClientAddress()
		);
	})) satisfies RequestHandler;
