import { describe, expect, it } from 'vitest';
import { encodeEvent, RoomStreams, type SseClient } from './sse';

const decoder = new TextDecoder();

/** Everything queued on a stream so far (it is read without waiting for more). */
async function queued(client: SseClient): Promise<string> {
	const reader = client.response.body!.getReader();
	let text = '';
	for (;;) {
		const next = await Promise.race([
			reader.read(),
			new Promise<null>((r) => setImmediate(() => r(null)))
		]);
		if (!next || next.done) break;
		text += decoder.decode(next.value);
	}
	reader.releaseLock();
	return text;
}

describe('room streams', () => {
	it('pings only streams that were sent nothing since the last heartbeat tick', async () => {
		const streams = new RoomStreams();
		const busy = streams.open('player', 'p1');
		const idle = streams.open('player', 'p2');
		const host = streams.open('host', null);
		const ping = new TextEncoder().encode(': ping\n\n');
		// The first tick only starts the count: every stream just got its `retry` line.
		streams.heartbeat(ping);
		streams.toPlayer('p1', encodeEvent(3, 'answered', { questionIndex: 0, selection: [1], at: 1 }));
		streams.heartbeat(ping);
		streams.heartbeat(ping);

		const pings = (text: string) => text.split(': ping').length - 1;
		// p1 had traffic before the second tick, so only the third pinged it.
		expect(pings(await queued(busy))).toBe(1);
		expect(pings(await queued(idle))).toBe(2);
		expect(pings(await queued(host))).toBe(2);
		streams.closeAll();
	});
});
