/**
 * Server-Sent Event streams of a room. Each message is encoded once and the same bytes are queued on every
 * stream it is for, so a phase change reaching 2,000 phones costs 2,000 socket writes and no JSON work.
 */
import type { LiveEventName } from '$lib/live/protocol';

const encoder = new TextEncoder();

/** A stream that has fallen this many messages behind is dropped; its client resumes by Last-Event-ID. */
const MAX_BACKLOG = 512;
/** Comment lines keep proxies and phones from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** How long EventSource waits before reconnecting (sent once per stream). */
const RETRY_MS = 2000;

/** Encodes one SSE message. */
export function encodeEvent(id: number, event: LiveEventName, data: unknown): Uint8Array {
	return encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The bytes every stream starts with: how long EventSource waits before reconnecting. */
const RETRY_CHUNK = encoder.encode(`retry: ${RETRY_MS}\n\n`);

/** The response headers of an event stream, on either transport. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-store',
	connection: 'keep-alive',
	// Tells buffering proxies (nginx) to pass each event through at once.
	'x-accel-buffering': 'no'
};

/**
 * Where a stream's bytes go: a web `ReadableStream` (the SvelteKit route) or a Node response written
 * directly (the server entry's own route for phones, `node.ts`). The stream's logic (audiences, caps,
 * heartbeats, backlog) is the same for both.
 */
export interface SseSink {
	/** Queues one chunk; false when the client has fallen `MAX_BACKLOG` messages behind. */
	push(chunk: Uint8Array): boolean;
	/** Ends the stream from the server side. */
	close(): void;
	/** The web response to return (web sinks only). */
	readonly response?: Response;
}

/** Makes a stream's sink; `gone` is called when the client goes away. */
export type SinkFactory = (gone: () => void) => SseSink;

/** A sink that is a web `Response` with a `ReadableStream` body, as SvelteKit routes return. */
export const webSink: SinkFactory = (gone) => {
	let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
	const stream = new ReadableStream<Uint8Array>(
		{
			start: (c) => {
				controller = c;
			},
			cancel: gone
		},
		{ highWaterMark: MAX_BACKLOG }
	);
	return {
		response: new Response(stream, { headers: { ...SSE_HEADERS } }),
		push(chunk) {
			const c = controller;
			if (!c) return true;
			if ((c.desiredSize ?? 0) <= 0) return false;
			c.enqueue(chunk);
			return true;
		},
		close() {
			try {
				controller?.close();
			} catch {
				// Already closed by the other side.
			}
		}
	};
};

/**
 * The Node transport's backlog rule, the web one's in other words: a socket that stops taking bytes
 * (`write` returned false) may be handed `MAX_BACKLOG` more messages before the stream is dropped; a
 * drain forgives the count.
 */
export class Backlog {
	private behind = 0;

	/** Counts one message written while the socket buffer was full; false once too far behind. */
	written(full: boolean): boolean {
		if (!full) return true;
		return ++this.behind <= MAX_BACKLOG;
	}

	/** The socket drained its buffer. */
	drained(): void {
		this.behind = 0;
	}
}

/** One open stream. */
export class SseClient {
	private readonly sink: SseSink;
	private closed = false;
	/** Whether anything was sent since the last heartbeat tick (a stream with traffic needs no ping). */
	sentSinceTick = true;

	/**
	 * @param role who is listening: the host, or one player
	 * @param playerId the player's id (players only)
	 * @param onClose called once when the stream ends, however it ends
	 * @param sink where its bytes go (a web response unless told otherwise)
	 */
	constructor(
		readonly role: 'host' | 'player',
		readonly playerId: string | null,
		private readonly onClose: (client: SseClient) => void,
		sink: SinkFactory = webSink
	) {
		this.sink = sink(() => this.end());
		this.sink.push(RETRY_CHUNK);
	}

	/** The web response of a stream on the web transport. */
	get response(): Response {
		const r = this.sink.response;
		if (!r) throw new Error('this stream is written to a Node response, not a web one');
		return r;
	}

	/** Queues bytes; a client too far behind is closed rather than buffered without bound. */
	send(chunk: Uint8Array): void {
		if (this.closed) return;
		if (!this.sink.push(chunk)) {
			this.close();
			return;
		}
		this.sentSinceTick = true;
	}

	/** Ends the stream from the server side. */
	close(): void {
		if (this.closed) return;
		this.sink.close();
		this.end();
	}

	private end(): void {
		if (this.closed) return;
		this.closed = true;
		this.onClose(this);
	}
}

/** The open streams of one room, by audience. */
export class RoomStreams {
	readonly hosts = new Set<SseClient>();
	readonly players = new Map<string, Set<SseClient>>();
	private count = 0;

	/**
	 * Opens a stream for the host or a player; `onEnd` runs once when it ends, however it ends (the
	 * registry's per-address count).
	 */
	open(
		role: 'host' | 'player',
		playerId: string | null,
		onEnd?: () => void,
		sink: SinkFactory = webSink
	): SseClient {
		const client = new SseClient(
			role,
			playerId,
			(c) => {
				this.remove(c);
				onEnd?.();
			},
			sink
		);
		if (role === 'host') this.hosts.add(client);
		else if (playerId) {
			const set = this.players.get(playerId) ?? new Set<SseClient>();
			set.add(client);
			this.players.set(playerId, set);
		}
		this.count++;
		return client;
	}

	private remove(client: SseClient): void {
		if (client.role === 'host') {
			if (this.hosts.delete(client)) this.count--;
			return;
		}
		const set = client.playerId ? this.players.get(client.playerId) : undefined;
		if (set?.delete(client)) this.count--;
		if (set && set.size === 0 && client.playerId) this.players.delete(client.playerId);
	}

	/** How many streams are open. */
	get size(): number {
		return this.count;
	}

	/** How many streams the host (no id) or one player has open. */
	countFor(role: 'host' | 'player', playerId: string | null): number {
		if (role === 'host') return this.hosts.size;
		return (playerId ? this.players.get(playerId)?.size : 0) ?? 0;
	}

	toHosts(chunk: Uint8Array): void {
		for (const c of this.hosts) c.send(chunk);
	}

	toPlayer(id: string, chunk: Uint8Array): void {
		const set = this.players.get(id);
		if (set) for (const c of set) c.send(chunk);
	}

	/**
	 * Sends the heartbeat comment to each stream that was sent nothing since the last tick. A room that
	 * is playing keeps its streams busy anyway, and pinging 4,000 phones at once in the middle of a
	 * question would hold up every answer behind 4,000 socket writes.
	 */
	heartbeat(chunk: Uint8Array): void {
		const tick = (c: SseClient) => {
			if (!c.sentSinceTick) c.send(chunk);
			c.sentSinceTick = false;
		};
		for (const c of this.hosts) tick(c);
		for (const set of this.players.values()) for (const c of set) tick(c);
	}

	toAll(chunk: Uint8Array): void {
		this.toHosts(chunk);
		for (const set of this.players.values()) for (const c of set) c.send(chunk);
	}

	/** Closes every stream (the room expired or the server stops). */
	closeAll(): void {
		for (const c of [...this.hosts]) c.close();
		for (const set of [...this.players.values()]) for (const c of [...set]) c.close();
	}
}
