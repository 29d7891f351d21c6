import { handle, ok } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import { joinUrl } from '$lib/server/live/lan';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The URL phones open to join, on this machine's LAN address (for the QR code and as text). */
export const GET = (({ params, url, getClientAddress }) =>
	handle(() =>
		ok(joinUrl(url, getRooms().codeOf(params.code, getClientAddress())))
	)) satisfies RequestHandler;
