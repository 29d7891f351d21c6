import { AnswerBodySchema } from '$lib/live/protocol';
import { handle, ok, readBody } from '$lib/server/live/http';
import { getRooms } from '$lib/server/live';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Records a player's answer to the open question. */
export const POST = (({ params, request, getClientAddress }) =>
	handle(async () => {
		const body = await readBody(request, AnswerBodySchema);
		return ok(await getRooms().answer(params.code, body, getClientAddress()));
	})) satisfies RequestHandler;
