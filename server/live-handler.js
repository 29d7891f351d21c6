/**
 * The first request handler of the built server (`node build`): the live rooms' hot routes for phones,
 * served straight from Node's HTTP server (answers, check answers and players' event streams: in a room
 * of thousands of phones nearly every request); every other request goes on to SvelteKit's handler.
 *
 * The build copies this file into `build/` and puts it in front of adapter-node's handler (see
 * `adapter.js`), so `node build` keeps adapter-node's own server and settings (HOST, PORT, keep-alive,
 * shutdown). The routes are compiled into the app (`src/lib/server/live/node.ts`), so they use the very
 * code the SvelteKit routes use, and are offered by the app's init hook when the server starts.
 */

const KEY = Symbol.for('fraud-drill.live-node-routes');

/**
 * @typedef {import('node:http').IncomingMessage} Req
 * @typedef {import('node:http').ServerResponse} Res
 * @typedef {(req: Req, res: Res) => boolean} NodeRoute
 */

/**
 * A middleware of adapter-node's server (polka): serves a request the live routes take, else passes it on.
 * @param {Req} req
 * @param {Res} res
 * @param {() => unknown} next
 */
export function liveRoutes(req, res, next) {
	const live = /** @type {Record<symbol, NodeRoute | undefined>} */ (globalThis)[KEY];
	if (live?.(req, res)) return;
	return next();
}
