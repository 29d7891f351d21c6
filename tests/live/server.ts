/**
 * Helpers for black-box tests of the built server: start `node build` on a free loopback port with its own
 * data folder, speak HTTP and Server-Sent Events to it with node:http (so tests can pick the source address,
 * send raw bytes and set Last-Event-ID), and kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** The temporary data folders made for the current test file (see `removeTempDataDirs`). */
const made = new Set<string>();

/** A fresh temporary data folder, removed once the test file is done (tests/live/setup.ts). */
export function tempDataDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'fraud-drill-live-'));
	made.add(dir);
	return dir;
}

/**
 * Removes the data folders `tempDataDir` made, after the file's own hooks have stopped its servers. Without
 * it every run of the server tests left some twenty databases in the system's temporary folder.
 */
export function removeTempDataDirs(): void {
	for (const dir of made) rmSync(dir, { recursive: true, force: true });
	made.clear();
}

export interface Server {
	port: number;
	dataDir: string;
	child: ChildProcess;
	/** Everything the server printed, for failure messages. */
	output: () => string;
}

/** The build the server tests start: `build/`, or the copy FRAUD_DRILL_LIVE_BUILD names. */
export function liveBuild(): string {
	return process.env.FRAUD_DRILL_LIVE_BUILD || 'build';
}

/** Starts the built server (`build`: another build folder) and waits until it answers. */
export async function startServer(
	opts: { port?: number; dataDir?: string; env?: Record<string, string>; build?: string } = {}
): Promise<Server> {
	// FRAUD_DRILL_LIVE_BUILD points at a copy of the build, so a rebuild running meanwhile cannot pull the
	// server out from under the tests.
	const build = opts.build ?? liveBuild();
	if (!existsSync(join(build, 'index.js')))
		throw new Error(`${build}/ is missing: run \`npm run build\` first`);
	const port = opts.port ?? (await freePort());
	const dataDir = opts.dataDir ?? tempDataDir();
	let log = '';
	const child = spawn(process.execPath, [build], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			FRAUD_DRILL_DATA: dataDir,
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
		try {
			const res = await call({ port }, 'GET', '/api/live/rooms/ZZZZZZ');
			if (res.status > 0) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return { port, dataDir, child, output: () => log };
}

/** Kills the server (SIGKILL by default: no shutdown hooks, like a power cut of the process). */
export async function killServer(
	server: Server,
	signal: NodeJS.Signals = 'SIGKILL'
): Promise<void> {
	if (server.child.exitCode !== null || server.child.signalCode !== null) return;
	const exited = new Promise((r) => server.child.once('exit', r));
	server.child.kill(signal);
	await exited;
}

export interface Reply<T = unknown> {
	status: number;
	headers: IncomingMessage['headers'];
	text: string;
	body: T;
}

/** The error body every failure carries. */
export interface ErrorReply {
	error: { code: string; message: string };
}

/**
 * One HTTP request. `body` is sent as JSON unless it is a string or Buffer (sent as is, for malformed
 * input); `from` picks the source address (any 127.x.y.z), so rate-limit tests get their own client.
 */
export function call<T = unknown>(
	server: { port: number },
	method: string,
	path: string,
	body?: unknown,
	opts: { from?: string; headers?: Record<string, string> } = {}
): Promise<Reply<T>> {
	const payload =
		body === undefined
			? undefined
			: typeof body === 'string' || Buffer.isBuffer(body)
				? body
				: JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port: server.port,
				method,
				path,
				localAddress: opts.from,
				headers: {
					...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
					...opts.headers
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: unknown = undefined;
					try {
						parsed = JSON.parse(text);
					} catch {
						// not JSON: left undefined, the text is there
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed as T });
				});
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

export interface SseMessage {
	id: number | null;
	event: string;
	data: unknown;
}

/** A Server-Sent Events client that keeps every message it receives. */
export class SseStream {
	readonly messages: SseMessage[] = [];
	comments = 0;
	private buffer = '';
	private waiters: (() => void)[] = [];
	private res: IncomingMessage | null = null;
	closed = false;

	constructor(readonly status: number) {}

	/** Attaches to a response and parses its events as they arrive. */
	attach(res: IncomingMessage): void {
		this.res = res;
		res.setEncoding('utf8');
		res.on('data', (chunk: string) => {
			this.buffer += chunk;
			let end: number;
			while ((end = this.buffer.indexOf('\n\n')) >= 0) {
				const block = this.buffer.slice(0, end);
				this.buffer = this.buffer.slice(end + 2);
				this.parse(block);
			}
		});
		res.on('close', () => {
			this.closed = true;
			this.wake();
		});
	}

	private parse(block: string): void {
		let id: number | null = null;
		let event = 'message';
		const data: string[] = [];
		let any = false;
		for (const line of block.split('\n')) {
			if (line.startsWith(':')) {
				this.comments++;
				continue;
			}
			const i = line.indexOf(':');
			const field = i < 0 ? line : line.slice(0, i);
			const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
			if (field === 'id') id = Number(value);
			else if (field === 'event') event = value;
			else if (field === 'data') {
				data.push(value);
				any = true;
			}
		}
		if (!any) return;
		this.messages.push({ id, event, data: JSON.parse(data.join('\n')) as unknown });
		this.wake();
	}

	private wake(): void {
		const w = this.waiters;
		this.waiters = [];
		for (const f of w) f();
	}

	/** The last id received. */
	get lastId(): number | null {
		for (let i = this.messages.length - 1; i >= 0; i--) {
			const id = this.messages[i]?.id;
			if (id !== null && id !== undefined) return id;
		}
		return null;
	}

	/** Waits for a message matching `test` (among all received so far), failing after `ms`. */
	async waitFor(test: (m: SseMessage) => boolean, ms = 5000): Promise<SseMessage> {
		const deadline = Date.now() + ms;
		for (;;) {
			const found = this.messages.find(test);
			if (found) return found;
			if (this.closed) throw new Error('stream closed while waiting');
			const left = deadline - Date.now();
			if (left <= 0)
				throw new Error(
					`timed out; got: ${this.messages.map((m) => `${m.id}:${m.event}`).join(' ')}`
				);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, left);
				this.waiters.push(() => {
					clearTimeout(t);
					resolve();
				});
			});
		}
	}

	close(): void {
		this.res?.destroy();
	}
}

/**
 * Opens an event stream; resolves once the response headers arrive. `headers` adds request headers (the
 * host cookie, `x-host-secret`, a forwarded address); `from` picks the source address.
 */
export function openStream(
	server: { port: number },
	path: string,
	lastEventId?: number,
	opts: { headers?: Record<string, string>; from?: string } = {}
): Promise<SseStream> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port: server.port,
				path,
				localAddress: opts.from,
				// Each stream on its own socket, as each phone has.
				agent: false,
				headers: {
					accept: 'text/event-stream',
					...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
					...opts.headers
				}
			},
			(res) => {
				const stream = new SseStream(res.statusCode ?? 0);
				stream.attach(res);
				resolve(stream);
			}
		);
		req.on('error', reject);
		req.end();
	});
}
