/**
 * The phones' hot routes of the live API served straight from Node's HTTP server, in front of SvelteKit:
 * `POST /rooms/:code/answer`, `POST /rooms/:code/check` and a player's `GET /rooms/:code/events`. In a
 * room of 4,000 phones these are nearly every request, and SvelteKit's pipeline (a web Request with a
 * stream body per POST, a web Response and a ReadableStream per event stream, each event passed through
 * a stream reader) cost about a third of the server's time and much of its garbage. Here a body is read
 * from the socket into one buffer, a reply written in one `end`, and an event written to the socket as
 * the bytes encoded once for the whole room.
 *
 * Everything a request is checked against is the SvelteKit routes' own code (`http.ts`, `rooms.ts`):
 * the same body limit, schemas, reason codes, stream caps and address rules. What these routes do not
 * take they leave to SvelteKit untouched (`serve` returns false before reading anything): other
 * methods and paths, a body that is not `application/json` (SvelteKit's cross-site form check applies
 * to those), a POST with no declared body, a host's stream (the host cookie), and room codes in any
 * spelling but the plain one. The server entry (`server/live-handler.js`, put in front of adapter-node's
 * handler at build) calls `serve` for each request; `vite dev` and `vite preview` use the routes alone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AnswerBodySchema, CheckBodySchema, MAX_BODY_BYTES } from '$lib/live/protocol';
import {
	bodyTooLarge,
	declaredTooLarge,
	errorReply,
	lastEventIdOf,
	missingAddressHeader,
	okReply,
	parseBody,
	type LiveReply
} from './http';
import type { Rooms } from './rooms';
import { Backlog, SSE_HEADERS, type SinkFactory } from './sse';

/** Handles a request and returns true, or returns false having touched nothing. */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Where the server entry finds the routes (set at server start by the init hook). */
export const NODE_ROUTES_KEY = Symbol.for('fraud-drill.live-node-routes');

/** Plain room codes only: anything else (escapes, spaces, dashes) takes SvelteKit's decoding path. */
const ROUTE = /^\/api\/live\/rooms\/([A-Za-z0-9]{1,32})\/(answer|check|events)$/;

/** The environment the routes read once, at start, as adapter-node reads its own. */
export interface NodeRoutesEnv {
	ADDRESS_HEADER?: string;
	XFF_DEPTH?: string;
}

/**
 * The client address of a request, by adapter-node's rule (its `getClientAddress`): the socket's peer,
 * or with `ADDRESS_HEADER` that header (for `x-forwarded-for`, the `XFF_DEPTH`-th address from the right).
 * A header that cannot give an address is a server misconfiguration: an Error, so a 500, as there.
 */
export function clientAddressOf(req: IncomingMessage, env: NodeRoutesEnv): string {
	const header = (env.ADDRESS_HEADER ?? '').toLowerCase();
	if (!header) return req.socket.remoteAddress ?? '';
	if (!(header in req.headers))
		throw new Error(`Address header was specified with ADDRESS_HEADER=${header} but is absent`);
	const raw = req.headers[header];
	const value = (Array.isArray(raw) ? raw.join(', ') : raw) || '';
	if (header !== 'x-forwarded-for') return value;
	const depth = parseInt(env.XFF_DEPTH ?? '1');
	const addresses = value.split(',');
	if (!(depth >= 1)) throw new Error('XFF_DEPTH must be a positive integer');
	if (depth > addresses.length)
		throw new Error(`XFF_DEPTH is ${depth}, but only found ${addresses.length} addresses`);
	return (addresses[addresses.length - depth] ?? '').trim();
}

/** Whether a Content-Type is JSON (what every page and the API doc send). */
function isJson(contentType: string | undefined): boolean {
	if (!contentType) return false;
	const semi = contentType.indexOf(';');
	const base = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
	return base === 'application/json';
}

/**
 * Reads at most `limit` bytes of a request body into one string; a body that declares or turns out to
 * be longer is refused (413) without reading the rest, as `readBody` does on the SvelteKit side.
 */
export function readNodeText(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
	if (declaredTooLarge(req.headers['content-length'], limit))
		return Promise.reject(bodyTooLarge(limit));
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const done = () => {
			req.off('data', onData);
			req.off('end', onEnd);
			req.off('error', onError);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				// Left unread, not destroyed: the client is answered 413 and the connection then closed.
				done();
				req.pause();
				reject(bodyTooLarge(limit));
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => {
			done();
			const first = chunks[0];
			resolve(
				chunks.length === 1 && first
					? first.toString('utf8')
					: Buffer.concat(chunks, size).toString('utf8')
			);
		};
		const onError = (error: Error) => {
			done();
			reject(error);
		};
		req.on('data', onData);
		req.on('end', onEnd);
		req.on('error', onError);
	});
}

/** Writes a reply as JSON in one go (the headers SvelteKit's `json()` gives it, and its length). */
export function sendReply(res: ServerResponse, reply: LiveReply): void {
	if (res.headersSent || res.destroyed) return;
	const body = Buffer.from(JSON.stringify(reply.body), 'utf8');
	const headers: Record<string, string | number> = reply.headers;
	headers['content-length'] = body.length;
	headers['content-type'] = 'application/json';
	res.writeHead(reply.status, headers);
	res.end(body);
}

/**
 * An event stream written straight to the Node response: the status and headers go out once the stream
 * is allowed (so a refusal is still a JSON error), then each event's shared bytes in one write.
 */
function nodeSink(res: ServerResponse): SinkFactory {
	return (gone) => {
		res.writeHead(200, SSE_HEADERS);
		const backlog = new Backlog();
		res.on('drain', () => backlog.drained());
		res.on('close', gone);
		return {
			push(chunk) {
				if (res.destroyed) return true;
				if (!backlog.written(res.writableNeedDrain)) return false;
				res.write(chunk);
				return true;
			},
			close() {
				res.end();
			}
		};
	};
}

/**
 * The phones' routes on the given registry. `rooms` is called per request (the registry is opened on
 * first use); `env` is read once here.
 */
export function nodeRoutes(rooms: () => Rooms, env: NodeRoutesEnv = process.env): NodeRoute {
	const settings: NodeRoutesEnv = { ADDRESS_HEADER: env.ADDRESS_HEADER, XFF_DEPTH: env.XFF_DEPTH };

	async function post(
		req: IncomingMessage,
		res: ServerResponse,
		code: string,
		action: 'answer' | 'check'
	): Promise<void> {
		try {
			const text = await readNodeText(req);
			if (action === 'answer') {
				const body = parseBody(text, AnswerBodySchema);
				sendReply(res, okReply(await rooms().answer(code, body, clientAddressOf(req, settings))));
			} else {
				const body = parseBody(text, CheckBodySchema);
				sendReply(res, okReply(rooms().check(code, body, clientAddressOf(req, settings))));
			}
		} catch (error) {
			sendReply(res, errorReply(error));
		}
	}

	function events(
		req: IncomingMessage,
		res: ServerResponse,
		code: string,
		query: URLSearchParams
	): void {
		try {
			const auth = { playerId: query.get('player') ?? '', token: query.get('token') ?? '' };
			const header = req.headers['last-event-id'];
			const lastEventId = lastEventIdOf(Array.isArray(header) ? header[0] : header, query);
			rooms().openStream(code, auth, lastEventId, clientAddressOf(req, settings), nodeSink(res));
		} catch (error) {
			sendReply(res, errorReply(error));
		}
	}

	return (req, res) => {
		const url = req.url;
		if (url === undefined || !url.startsWith('/api/live/rooms/')) return false;
		const q = url.indexOf('?');
		const match = ROUTE.exec(q < 0 ? url : url.slice(0, q));
		if (!match) return false;
		const code = match[1] ?? '';
		const action = match[2];
		let query: URLSearchParams | null = null;
		if (action === 'events') {
			if (req.method !== 'GET') return false;
			query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
			// The host's stream is authenticated by its cookie: SvelteKit's cookie handling serves it.
			if (!query.has('player')) return false;
		} else {
			if (req.method !== 'POST' || !isJson(req.headers['content-type'])) return false;
			// SvelteKit reads no body from an HTTP/1 request that declares none: leave that case to it.
			if (
				req.headers['content-length'] === undefined &&
				req.headers['transfer-encoding'] === undefined
			)
				return false;
		}
		// The server hook's rule, for the requests it no longer sees.
		const refused = missingAddressHeader(settings.ADDRESS_HEADER, (name) => name in req.headers);
		if (refused) sendReply(res, errorReply(refused));
		else if (query) events(req, res, code, query);
		else void post(req, res, code, action === 'answer' ? 'answer' : 'check');
		return true;
	};
}
