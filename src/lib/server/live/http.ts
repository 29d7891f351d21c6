/**
 * The edge of the live API: reading a size-limited JSON body, checking it against a strict valibot
 * schema, and turning every failure into `{ error: { code, message } }` with the right status.
 */
import { json, type Cookies } from '@sveltejs/kit';
import * as v from 'valibot';
import {
	ERROR_STATUS,
	MAX_BODY_BYTES,
	normaliseRoomCode,
	type ErrorBody,
	type ErrorCode
} from '$lib/live/protocol';

/** An expected failure of a live request: it becomes a JSON error response, never a 500. */
export class LiveError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		/** Seconds, for 429 responses. */
		readonly retryAfter?: number,
		/** A finer reason within the code (which nickname rule failed), for the pages to word. */
		readonly reason?: string
	) {
		super(message);
		this.name = 'LiveError';
	}

	get status(): number {
		return ERROR_STATUS[this.code];
	}
}

/** A live API response before it is put on a transport: status, headers and the JSON body. */
export interface LiveReply {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

/**
 * The error reply for anything thrown while handling a live request, whichever transport sends it (the
 * SvelteKit routes or the server entry's own route for phones): a LiveError keeps its status and code,
 * anything else is logged and becomes `500 internal`.
 */
export function errorReply(error: unknown): LiveReply {
	const e =
		error instanceof LiveError
			? error
			: new LiveError('internal', 'Something went wrong on the server; please try again.');
	if (!(error instanceof LiveError)) console.error('live API error', error);
	const body: ErrorBody = { error: { code: e.code, message: e.message } };
	if (e.reason !== undefined) body.error.reason = e.reason;
	const headers: Record<string, string> = { 'cache-control': 'no-store' };
	if (e.retryAfter !== undefined) headers['retry-after'] = String(e.retryAfter);
	// An oversized body may still be arriving (chunked, trickled): answer, then close the connection
	// rather than read the rest.
	if (e.code === 'body-too-large') headers.connection = 'close';
	return { status: e.status, headers, body };
}

/** A success reply that no cache keeps. */
export function okReply(data: unknown, status = 200): LiveReply {
	return { status, headers: { 'cache-control': 'no-store' }, body: data };
}

/** The JSON error response for anything thrown while handling a live request. */
export function errorResponse(error: unknown): Response {
	const { status, headers, body } = errorReply(error);
	return json(body, { status, headers });
}

/** Runs a handler and maps a thrown LiveError (or anything else) to its JSON error response. */
export async function handle(run: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		return errorResponse(error);
	}
}

/** The refusal of a body over `limit` bytes. */
export function bodyTooLarge(limit: number): LiveError {
	return new LiveError('body-too-large', `The request body is over ${limit} bytes.`);
}

/** Whether a declared Content-Length is already over the limit (refused before reading anything). */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
	const declared = Number(contentLength ?? NaN);
	return Number.isFinite(declared) && declared > limit;
}

/** Reads at most `limit` bytes of the body; a longer body is refused without reading the rest. */
async function readText(request: Request, limit: number): Promise<string> {
	if (declaredTooLarge(request.headers.get('content-length'), limit)) throw bodyTooLarge(limit);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			// Not cancelled: cancelling destroys the socket, and the client would see a dropped connection
			// instead of the 413. The rest is left unread; the response closes the connection.
			reader.releaseLock();
			throw bodyTooLarge(limit);
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Describes the first problem valibot found, naming the field. */
function describe(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): LiveError {
	const issue = issues[0];
	const path = v.getDotPath(issue) ?? '';
	if (issue.type === 'strict_object' && issue.expected === 'never')
		return new LiveError('unknown-field', `Unknown field "${path}".`);
	return new LiveError('invalid-body', path ? `${path}: ${issue.message}` : issue.message);
}

/** Parses the JSON body of `request` with `schema`: 413, 400 bad-json, 400 unknown-field or invalid-body. */
export async function readBody<TSchema extends v.GenericSchema>(
	request: Request,
	schema: TSchema,
	limit = MAX_BODY_BYTES
): Promise<v.InferOutput<TSchema>> {
	return parseBody(await readText(request, limit), schema);
}

/**
 * Checks a body's text against `schema`, the same on every transport: 400 bad-json, 400 unknown-field
 * or 400 invalid-body naming the field.
 */
export function parseBody<TSchema extends v.GenericSchema>(
	text: string,
	schema: TSchema
): v.InferOutput<TSchema> {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new LiveError('bad-json', 'The request body is not valid JSON.');
	}
	// valibot's object schemas take arrays as objects: `[]` would pass as `{}` and fail later, as if a field
	// were wrong. The body itself is wrong.
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		throw new LiveError('invalid-body', 'The request body must be a JSON object.');
	const result = v.safeParse(schema, data);
	if (!result.success) throw describe(result.issues);
	return result.output;
}

/** A JSON success response that no cache keeps. */
export function ok(data: unknown, status = 200): Response {
	const reply = okReply(data, status);
	return json(reply.body, { status, headers: reply.headers });
}

/**
 * Behind a proxy (`ADDRESS_HEADER` set), every live request must carry the header the proxy adds, because
 * join limits and stream caps count per client address. The refusal of a request without it (it did not
 * come through the proxy, or the proxy is misconfigured), or null when it may go on.
 */
export function missingAddressHeader(
	addressHeader: string | undefined,
	has: (name: string) => boolean
): LiveError | null {
	const header = addressHeader?.toLowerCase();
	if (!header || has(header)) return null;
	return new LiveError(
		'no-client-address',
		`This server is set to read the client's address from the ${header} header, which the request lacks; send requests through the proxy.`
	);
}

// ---------------------------------------------------------------------------------------------------
// The host's credentials on GET requests

/** Header that carries the host secret for clients without cookies (scripts, tests). */
export const HOST_SECRET_HEADER = 'x-host-secret';

/** The host cookie of a room: one per room, sent only to that room's API paths. */
export function hostCookieName(code: string): string {
	return `fd_host_${normaliseRoomCode(code)}`;
}

/**
 * The host secret of a GET request: from the room's host cookie (what the browser sends, EventSource
 * included) or the `x-host-secret` header. A secret in the URL is refused outright, so it never ends up
 * in a proxy's access log by mistake.
 */
export function hostSecretOf(event: {
	params: { code?: string };
	url: URL;
	request: Request;
	cookies: Cookies;
}): string {
	if (event.url.searchParams.has('secret'))
		throw new LiveError(
			'secret-in-url',
			'Send the host secret in the host cookie or the x-host-secret header, never in the URL.'
		);
	return (
		event.cookies.get(hostCookieName(event.params.code ?? '')) ??
		event.request.headers.get(HOST_SECRET_HEADER) ??
		''
	);
}

/**
 * The event id a stream resumes after: the Last-Event-ID header (EventSource's reconnect), or
 * `?lastEventId=` for a fresh EventSource after a page reload; null (start with a snapshot) otherwise.
 */
export function lastEventIdOf(
	header: string | null | undefined,
	query: URLSearchParams
): number | null {
	const raw = header ?? query.get('lastEventId');
	const n = raw === null ? NaN : Number(raw);
	return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * Whether browsers reach this server over HTTPS: only then may the cookie be `Secure` (a phone or laptop on
 * plain http over the room's Wi-Fi would drop a Secure cookie). adapter-node calls every request https
 * unless ORIGIN or PROTOCOL_HEADER says otherwise, so the URL's scheme is believed only with one of them.
 */
function servedOverHttps(url: URL, env: NodeJS.ProcessEnv): boolean {
	if (env.ORIGIN) return env.ORIGIN.trim().toLowerCase().startsWith('https:');
	if (env.PROTOCOL_HEADER) return url.protocol === 'https:';
	return false;
}

/**
 * Gives this browser the room's host cookie: HttpOnly (page scripts cannot read it), SameSite=Strict (no
 * other site can make the browser send it) and scoped to the room's API path. It lasts as long as an idle
 * room does.
 */
export function setHostCookie(
	cookies: Cookies,
	url: URL,
	code: string,
	secret: string,
	maxAgeSeconds: number,
	env: NodeJS.ProcessEnv = process.env
): void {
	cookies.set(hostCookieName(code), secret, {
		path: `/api/live/rooms/${normaliseRoomCode(code)}`,
		httpOnly: true,
		sameSite: 'strict',
		secure: servedOverHttps(url, env),
		maxAge: maxAgeSeconds
	});
}
