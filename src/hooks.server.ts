import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { getRooms } from '$lib/server/live';
import { errorResponse, LiveError } from '$lib/server/live/http';
import type { Handle, ServerInit } from '@sveltejs/kit';

/**
 * At server start, rebuild every open live room from the SQLite store, so that timers resume and phones
 * that reconnect find their room at once. Not while building: prerendering must not open the store.
 */
export const init: ServerInit = () => {
	if (!building) getRooms();
};

/**
 * Behind a proxy (`ADDRESS_HEADER` set), every live request must carry the header the proxy adds, because
 * join limits and stream caps count per client address. A request without it did not come through the
 * proxy (or the proxy is misconfigured): it gets a 400 with a reason code instead of the adapter's 500.
 */
export const handle: Handle = ({ event, resolve }) => {
	const header = env.ADDRESS_HEADER?.toLowerCase();
	if (header && event.url.pathname.startsWith('/api/live/') && !event.request.headers.has(header)) {
		return errorResponse(
			new LiveError(
				'no-client-address',
				`This server is set to read the client's address from the ${header} header, which the request lacks; send requests through the proxy.`
			)
		);
	}
	return resolve(event);
};
