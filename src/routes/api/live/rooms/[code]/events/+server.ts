import { handle } from '$lib/server/live/http';
import { getRooms, type StreamAuth } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Parses Last-Event-ID (header, or `?lastEventId=` for a fresh EventSource after a page reload). */
function lastEventId(request: Request, url: URL): number | null {
	const raw = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
	const n = raw === null ? NaN : Number(raw);
	return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * The room's Server-Sent Events: the host with `?secret=`, a player with `?player=<id>&token=<token>`
 * (EventSource cannot send headers, so credentials travel in the query).
 */
export const GET = (({ params, url, request, getClientAddress }) =>
	handle(() => {
		const q = url.searchParams;
		const secret = q.get('secret');
		const auth: StreamAuth =
			secret !== null
				? { secret }
				: { playerId: q.get('player') ?? '', token: q.get('token') ?? '' };
		return getRooms().stream(params.code, auth, lastEventId(request, url), getClientAddress());
	})) satisfies RequestHandler;
