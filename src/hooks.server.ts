import { building } from '$app/environment';
import { getRooms } from '$lib/server/live';
import type { ServerInit } from '@sveltejs/kit';

/**
 * At server start, rebuild every open live room from the SQLite store, so that timers resume and phones
 * that reconnect find their room at once. Not while building: prerendering must not open the store.
 */
export const init: ServerInit = () => {
	if (!building) getRooms();
};
