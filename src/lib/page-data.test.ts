import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { pageData } from './page-data';

/** A fetch answering every request with `response`, or failing as with no connection. */
const answering = (response: Response | 'offline') =>
	(async () => {
		if (response === 'offline') throw new TypeError('Failed to fetch');
		return response;
	}) as typeof fetch;

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
	try {
		await promise;
		return 'ok';
	} catch (err) {
		if (isHttpError(err)) return err.status;
		throw err;
	}
}

describe('pageData', () => {
	it('gives the file as JSON', async () => {
		const data = await pageData<{ n: number }>(answering(Response.json({ n: 3 })), '/x.json');
		expect(data).toEqual({ n: 3 });
	});

	it("is the page's 404 when the server has no such file", async () => {
		const missing = answering(new Response('no', { status: 404 }));
		expect(await statusOf(pageData(missing, '/library/nope.json'))).toBe(404);
	});

	it('is a 503 with no answer or another error', async () => {
		expect(await statusOf(pageData(answering('offline'), '/x.json'))).toBe(503);
		expect(await statusOf(pageData(answering(new Response('', { status: 500 })), '/x.json'))).toBe(
			503
		);
	});
});
