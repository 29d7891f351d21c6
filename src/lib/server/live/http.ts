/**
 * The edge of the live API: reading a size-limited JSON body, checking it against a strict valibot
 * schema, and turning every failure into `{ error: { code, message } }` with the right status.
 */
import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { ERROR_STATUS, MAX_BODY_BYTES, type ErrorBody, type ErrorCode } from '$lib/live/protocol';

/** An expected failure of a live request: it becomes a JSON error response, never a 500. */
export class LiveError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		/** Seconds, for 429 responses. */
		readonly retryAfter?: number
	) {
		super(message);
		this.name = 'LiveError';
	}

	get status(): number {
		return ERROR_STATUS[this.code];
	}
}

/** The JSON error response for anything thrown while handling a live request. */
export function errorResponse(error: unknown): Response {
	const e =
		error instanceof LiveError
			? error
			: new LiveError('internal', 'Something went wrong on the server; please try again.');
	if (!(error instanceof LiveError)) console.error('live API error', error);
	const body: ErrorBody = { error: { code: e.code, message: e.message } };
	const headers: Record<string, string> = { 'cache-control': 'no-store' };
	if (e.retryAfter !== undefined) headers['retry-after'] = String(e.retryAfter);
	return json(body, { status: e.status, headers });
}

/** Runs a handler and maps a thrown LiveError (or anything else) to its JSON error response. */
export async function handle(run: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		return errorResponse(error);
	}
}

/** Reads at most `limit` bytes of the body; a longer body is refused without reading the rest. */
async function readText(request: Request, limit: number): Promise<string> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit)
		throw new LiveError('body-too-large', `The request body is over ${limit} bytes.`);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			throw new LiveError('body-too-large', `The request body is over ${limit} bytes.`);
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
	const text = await readText(request, limit);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new LiveError('bad-json', 'The request body is not valid JSON.');
	}
	const result = v.safeParse(schema, data);
	if (!result.success) throw describe(result.issues);
	return result.output;
}

/** A JSON success response that no cache keeps. */
export function ok(data: unknown, status = 200): Response {
	return json(data, { status, headers: { 'cache-control': 'no-store' } });
}
