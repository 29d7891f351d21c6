/**
 * `npm run bench:session [-- --players 2000,4000,5000] [--runs 3] [--sweep] [--profile]`: a load test of a
 * live room that measures what a phone sees. It starts the built server on 127.0.0.1 with a throw-away
 * data folder and, per run, one room of N simulated phones, each of them written from the API doc
 * (src/lib/live/README.md) the way the real pages behave:
 *
 * - every phone has its own connections: its own event stream (`agent: false`) and its own keep-alive
 *   connection for its POSTs, which the server may close when idle, as a browser's is; nothing is pooled
 *   between phones;
 * - every stream is parsed fully, as EventSource does (fields, multi-line data, comments), and every
 *   event's data is parsed as JSON;
 * - a phone answers a think-time after its own stream delivered the question (log-normal, so the room's
 *   answers bunch a few seconds in and trail off, as a room's do), not all at once and not on a clock
 *   shared by the whole room; it resends on a lost connection or a 5xx with the page's backoff, and takes
 *   409 `already-answered` as done;
 * - the host screen is a separate thread (a separate device) holding its stream with the host cookie the
 *   server set at `POST /rooms`, timing each tally as it arrives.
 *
 * Latency is answer request sent → the host receiving the first tally whose id (the room's event seq) is
 * at or after the answer's seq, i.e. the first tally that counts it. Lost answers: acknowledged to a phone
 * (200, or 409 after a resend) but missing from that phone's own `result` at the reveal, or from the
 * reveal's count. Also printed: server CPU (user + system over the answering phases) and peak RSS, and the
 * load client's own event-loop delay, which says whether the client kept up (if it did not, its figures
 * are the client's, not the server's).
 *
 * Target: 4,000 players, p95 < 250 ms, none lost. Loopback only, ≤ 10,000 players, every wait bounded.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type {
	AnswerResponse,
	CreateRoomResponse,
	HostResponse,
	JoinResponse,
	PhaseUpdate,
	PlayerResult,
	Reveal
} from '../src/lib/live/protocol';

const MAX_PLAYERS = 10_000;
const TARGET_P95_MS = 250;
const SWEEP_STEPS = [1000, 2000, 3000, 4000, 5000, 6000, 8000, 10_000];

interface Args {
	players: number[];
	runs: number;
	sweep: boolean;
	questions: number;
	/** Median think time of a phone after it sees the question, ms (log-normal, σ = `spread`). */
	thinkMs: number;
	spread: number;
	/** Start the server with `--cpu-prof` into this folder. */
	profile: string | null;
	/** The built server to run (a copy keeps a rebuild from changing it mid-run). */
	build: string;
	/** Extra Node.js flags for the server (e.g. `--max-semi-space-size=64`). */
	serverFlags: string[];
}

function parseArgs(argv: string[]): Args {
	const args: Args = {
		players: [2000],
		runs: 1,
		sweep: false,
		questions: 10,
		thinkMs: 2500,
		spread: 0.5,
		profile: null,
		build: process.env.FRAUD_DRILL_LIVE_BUILD || 'build',
		serverFlags: []
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => argv[++i] ?? '';
		if (a === '--players') args.players = next().split(',').map(Number);
		else if (a === '--runs') args.runs = Number(next());
		else if (a === '--sweep') args.sweep = true;
		else if (a === '--think-ms') args.thinkMs = Number(next());
		else if (a === '--spread') args.spread = Number(next());
		else if (a === '--questions') args.questions = Number(next());
		else if (a === '--profile') args.profile = next();
		else if (a === '--build') args.build = next();
		else if (a === '--server-flags') args.serverFlags = next().split(' ').filter(Boolean);
		else throw new Error(`unknown option ${a}`);
	}
	for (const n of args.players)
		if (!Number.isInteger(n) || n < 1 || n > MAX_PLAYERS)
			throw new Error(`--players must be 1..${MAX_PLAYERS}`);
	args.runs = Math.max(1, Math.min(10, Math.floor(args.runs) || 1));
	args.questions = Math.max(1, Math.min(10, Math.floor(args.questions) || 10));
	args.thinkMs = Math.max(0, Math.min(30_000, args.thinkMs || 0));
	args.spread = Math.max(0, Math.min(2, args.spread || 0));
	return args;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wall-clock ms shared by the main thread and the host's thread. */
const clock = () => performance.timeOrigin + performance.now();

function fdLimit(): { soft: number; hard: number } {
	const out = spawnSync('sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).stdout;
	const [soft, hard] = out.trim().split('\n').map(Number);
	return { soft: soft || 1024, hard: hard || soft || 1024 };
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const a = srv.address();
			srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
		});
	});
}

/** A log-normal draw with median `median` and shape `sigma` (Box–Muller). */
function logNormal(median: number, sigma: number): number {
	const u = 1 - Math.random();
	const v = Math.random();
	const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	return median * Math.exp(sigma * z);
}

// -------------------------------------------------------------------------------------------------
// Server

interface Server {
	port: number;
	child: ChildProcess;
	peakRssKb: () => number;
	/** User + system CPU seconds so far. */
	cpuSeconds: () => number;
	stop: () => Promise<void>;
}

function readStatus(pid: number): { rss: number; hwm: number } {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return { rss: 0, hwm: 0 };
	}
}

/** CPU seconds the whole machine spent busy so far (all cores, from /proc/stat; 100 ticks a second). */
function machineCpuSeconds(): number {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
		const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
		return (
			((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100
		);
	} catch {
		return 0;
	}
}

function readCpu(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces) start at state; utime and stime are the
		// 14th and 15th fields of the whole line, in clock ticks (100 a second on Linux).
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

async function startServer(args: Args): Promise<Server> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'fraud-drill-bench-'));
	const flags = [
		...args.serverFlags,
		...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [])
	];
	// Raise the soft descriptor limit to the hard one for the server: one socket per phone stream.
	const child = spawn(
		'sh',
		[
			'-c',
			'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
			process.execPath,
			...flags,
			args.build
		],
		{
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				FRAUD_DRILL_DATA: dataDir,
				// Every simulated phone comes from 127.0.0.1; the per-address limits would stop them.
				FRAUD_DRILL_JOIN_LIMIT: '1000000000',
				FRAUD_DRILL_CREATE_LIMIT: '1000000000',
				FRAUD_DRILL_STREAMS_PER_ADDRESS: '1000000000'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	let peak = 0;
	const sampler = setInterval(() => {
		if (child.pid) peak = Math.max(peak, readStatus(child.pid).rss);
	}, 200);
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error('the server exited while starting');
		try {
			const r = await httpOnce(port, null, 'GET', '/api/live/rooms/ZZZZZZ');
			if (r.status === 404) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('the server did not start within 20 s');
		await sleep(100);
	}
	return {
		port,
		child,
		peakRssKb: () => Math.max(peak, child.pid ? readStatus(child.pid).hwm : 0),
		cpuSeconds: () => (child.pid ? readCpu(child.pid) : 0),
		stop: async () => {
			clearInterval(sampler);
			if (child.exitCode === null) {
				const done = new Promise((r) => child.once('exit', r));
				// SIGINT: the server closes its streams and exits, so a profile is written.
				child.kill('SIGINT');
				await Promise.race([done, sleep(10_000)]);
				if (child.exitCode === null) child.kill('SIGKILL');
			}
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

// -------------------------------------------------------------------------------------------------
// HTTP as a phone sends it

interface Reply<T> {
	status: number;
	body: T;
	headers: IncomingMessage['headers'];
}

/** Requests sent on a phone's own agent that had to open a new connection (not a kept-alive one). */
let freshConnections = 0;

/**
 * Connection requests the kernel dropped because the server's listen queue was full (TcpExt ListenDrops,
 * machine-wide): each one costs a phone a SYN retransmit, a second or more, which shows as a step in
 * the latencies.
 */
function listenDrops(): number {
	try {
		const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
		const i = lines.findIndex((l) => l.startsWith('TcpExt:'));
		const names = (lines[i] ?? '').trim().split(/\s+/);
		const values = (lines[i + 1] ?? '').trim().split(/\s+/);
		return Number(values[names.indexOf('ListenDrops')] ?? 0) || 0;
	} catch {
		return 0;
	}
}

/** One request on `agent` (a phone's own keep-alive connection; null: a fresh one). */
function httpOnce<T>(
	port: number,
	agent: Agent | null,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {}
): Promise<Reply<T>> {
	const payload = body === undefined ? undefined : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method,
				path,
				agent: agent ?? false,
				timeout: 30_000,
				headers: {
					...(payload
						? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
						: {}),
					...headers
				}
			},
			(res) => {
				if (agent && !req.reusedSocket) freshConnections++;
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () => {
					let parsed: unknown;
					try {
						parsed = JSON.parse(text);
					} catch {
						parsed = undefined;
					}
					resolve({ status: res.statusCode ?? 0, body: parsed as T, headers: res.headers });
				});
				res.on('error', reject);
			}
		);
		req.on('timeout', () => req.destroy(new Error('request timed out')));
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * Sends as the page's `withRetry` does: a lost connection or a 5xx is resent after 0.5, 1, 2, 4 s…
 * (75–100% jitter); any other answer is final.
 */
async function withRetry<T>(
	send: () => Promise<Reply<T>>,
	onRetry: (why: string) => void
): Promise<Reply<T>> {
	for (let attempt = 1; ; attempt++) {
		let why: string;
		try {
			const r = await send();
			if (r.status < 500 || attempt >= 8) return r;
			why = `HTTP ${r.status}`;
		} catch (error) {
			if (attempt >= 8) throw error;
			why = (error as Error).message;
		}
		onRetry(why);
		const full = Math.min(5000, 500 * 2 ** (attempt - 1));
		await sleep(full * (0.75 + 0.25 * Math.random()));
	}
}

// -------------------------------------------------------------------------------------------------
// Server-Sent Events, parsed as EventSource does

/** An SSE parser per the HTML standard's event-stream rules (the parts a server can use). */
export class SseParser {
	private buffer = '';
	private data: string[] = [];
	private event = '';
	private id = '';
	/** The last event id seen (what EventSource would resend as Last-Event-ID). */
	lastEventId = '';

	constructor(private readonly onEvent: (event: string, id: string, data: string) => void) {}

	push(chunk: string): void {
		this.buffer += chunk;
		let start = 0;
		for (;;) {
			const nl = this.buffer.indexOf('\n', start);
			if (nl < 0) break;
			let line = this.buffer.slice(start, nl);
			if (line.endsWith('\r')) line = line.slice(0, -1);
			start = nl + 1;
			this.line(line);
		}
		this.buffer = this.buffer.slice(start);
	}

	private line(line: string): void {
		if (line === '') {
			if (this.id) this.lastEventId = this.id;
			if (this.data.length > 0)
				this.onEvent(this.event || 'message', this.lastEventId, this.data.join('\n'));
			this.data = [];
			this.event = '';
			return;
		}
		if (line.startsWith(':')) return;
		const colon = line.indexOf(':');
		const field = colon < 0 ? line : line.slice(0, colon);
		let value = colon < 0 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') this.data.push(value);
		else if (field === 'event') this.event = value;
		else if (field === 'id' && !value.includes('\0')) this.id = value;
	}
}

/** Opens an event stream on its own connection; every event's data is parsed as JSON. */
function openStream(
	port: number,
	path: string,
	onEvent: (event: string, id: number, data: unknown) => void,
	headers: Record<string, string> = {}
): Promise<{ res: IncomingMessage; open: () => boolean }> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path,
				agent: false,
				headers: { accept: 'text/event-stream', 'cache-control': 'no-cache', ...headers }
			},
			(res) => {
				if (res.statusCode !== 200) {
					reject(new Error(`stream refused: ${res.statusCode}`));
					res.resume();
					return;
				}
				let open = true;
				const parser = new SseParser((event, id, data) =>
					onEvent(event, Number(id), JSON.parse(data) as unknown)
				);
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => parser.push(chunk));
				res.on('close', () => (open = false));
				resolve({ res, open: () => open });
			}
		);
		req.on('error', reject);
		req.end();
	});
}

// -------------------------------------------------------------------------------------------------
// The host screen: its own thread, timing each tally as it arrives

/**
 * Plain JavaScript for a worker thread (no TypeScript loader needed there). It opens the host stream
 * with the host cookie, parses it like EventSource, keeps `[id, time]` per tally, and answers `take`
 * requests with the tallies and reveals so far.
 */
const HOST_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const clock = () => performance.timeOrigin + performance.now();
const tallies = [];
const reveals = [];
let buffer = '', data = [], event = '', id = '';
function line(l) {
	if (l === '') {
		if (data.length) {
			const at = clock();
			const d = JSON.parse(data.join('\\n'));
			if (event === 'tally') tallies.push([Number(id), at, d.questionIndex, d.answered]);
			else if (event === 'reveal') reveals.push(d);
		}
		data = []; event = '';
		return;
	}
	if (l[0] === ':') return;
	const c = l.indexOf(':');
	const f = c < 0 ? l : l.slice(0, c);
	let v = c < 0 ? '' : l.slice(c + 1);
	if (v[0] === ' ') v = v.slice(1);
	if (f === 'data') data.push(v); else if (f === 'event') event = v; else if (f === 'id') id = v;
}
const req = http.request({ host: '127.0.0.1', port: workerData.port, path: workerData.path, agent: false,
	headers: { accept: 'text/event-stream', cookie: workerData.cookie } }, (res) => {
	res.setEncoding('utf8');
	res.on('data', (chunk) => {
		buffer += chunk;
		let s = 0;
		for (;;) { const nl = buffer.indexOf('\\n', s); if (nl < 0) break; let l = buffer.slice(s, nl);
			if (l.endsWith('\\r')) l = l.slice(0, -1); s = nl + 1; line(l); }
		buffer = buffer.slice(s);
	});
	parentPort.postMessage({ type: 'open', status: res.statusCode });
});
req.on('error', (e) => parentPort.postMessage({ type: 'error', message: String(e) }));
req.end();
parentPort.on('message', (m) => {
	if (m === 'take') parentPort.postMessage({ type: 'taken', tallies: tallies.splice(0), reveals: reveals.splice(0) });
	else if (m === 'stop') { req.destroy(); process.exit(0); }
});
`;

interface HostScreen {
	/** Tallies ([id, time, questionIndex, answered]) and reveals received since the last take. */
	take(): Promise<{ tallies: [number, number, number, number][]; reveals: Reveal[] }>;
	stop(): Promise<void>;
}

async function openHostScreen(port: number, code: string, cookie: string): Promise<HostScreen> {
	const worker = new Worker(HOST_THREAD, {
		eval: true,
		workerData: { port, path: `/api/live/rooms/${code}/events`, cookie }
	});
	const opened = await new Promise<{ type: string; status?: number; message?: string }>((resolve) =>
		worker.once('message', resolve)
	);
	if (opened.type !== 'open' || opened.status !== 200)
		throw new Error(`host stream refused: ${opened.status ?? opened.message}`);
	return {
		take: () =>
			new Promise((resolve) => {
				const on = (m: { type: string }) => {
					if (m.type !== 'taken') return;
					worker.off('message', on);
					resolve(m as never);
				};
				worker.on('message', on);
				worker.postMessage('take');
			}),
		stop: async () => {
			worker.postMessage('stop');
			await Promise.race([new Promise((r) => worker.once('exit', r)), sleep(2000)]);
			await worker.terminate();
		}
	};
}

// -------------------------------------------------------------------------------------------------
// One run

async function until(test: () => boolean, ms: number, what: string): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!test()) {
		if (Date.now() > deadline) {
			console.error(`  (gave up waiting for ${what})`);
			return false;
		}
		await sleep(20);
	}
	return true;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface RunResult {
	players: number;
	held: number;
	answersSent: number;
	acknowledged: number;
	/** Acknowledged but missing from the phone's own result or the reveal's count. */
	lost: number;
	refused: number;
	retries: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Answer request sent → its 200 received (what the phone itself waits for). */
	ackP50: number;
	ackP95: number;
	perQuestionP95: number[];
	/** Server CPU seconds per second of the answering phases (1 = one core busy). */
	serverCpu: number;
	/**
	 * CPU used on this machine by everything but the server and this client (cores, while answering):
	 * other programs competing for the same two cores make the server's figures worse than they are.
	 */
	otherCpu: number;
	peakRssMb: number;
	/** The load client's own event-loop delay, p99 and max (ms): large means the client, not the server. */
	clientLagP99: number;
	clientLagMax: number;
	joinSeconds: number;
	seconds: number;
	/** Answers that went out on a new connection (the phone's kept-alive one was gone). */
	freshConnections: number;
	/** Connection attempts dropped by a full listen queue while answering (machine-wide). */
	listenDrops: number;
	meetsTarget: boolean;
}

interface Phone {
	i: number;
	id: string;
	token: string;
	agent: Agent;
	res: IncomingMessage | null;
	open: () => boolean;
	/** Question index → when this phone's stream delivered it open. */
	onOpen: ((q: PhaseUpdate) => void) | null;
	results: Map<number, PlayerResult>;
	gotFinal: boolean;
}

async function run(n: number, args: Args): Promise<RunResult> {
	const server = await startServer(args);
	const started = performance.now();
	const phones: Phone[] = [];
	let host: HostScreen | null = null;
	const problems = new Map<string, number>();
	const note = (what: string) => problems.set(what, (problems.get(what) ?? 0) + 1);
	try {
		const port = server.port;
		const hostAgent = new Agent({ keepAlive: true, maxSockets: 1 });
		const created = await httpOnce<CreateRoomResponse>(port, hostAgent, 'POST', '/api/live/rooms', {
			deck: { kind: 'quick' },
			seed: 2021
		});
		if (created.status !== 201) throw new Error(`could not create a room: ${created.status}`);
		const { code, hostSecret } = created.body;
		// The host screen's stream is authenticated as a browser's: by the cookie POST /rooms set.
		const cookie = (created.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
		if (!cookie) throw new Error('POST /rooms set no host cookie');
		host = await openHostScreen(port, code, cookie);
		const questions = Math.min(args.questions, created.body.room.questionIds.length);

		const joinStart = performance.now();
		let joined = 0;
		// Phones arrive over a few seconds, a few dozen at a time, each on its own connections.
		const arrivals = Array.from({ length: n }, (_, i) => i);
		await Promise.all(
			Array.from({ length: 48 }, async () => {
				for (let i = arrivals.shift(); i !== undefined; i = arrivals.shift()) {
					const agent = new Agent({ keepAlive: true, maxSockets: 1 });
					const j = await withRetry(
						() =>
							httpOnce<JoinResponse>(port, agent, 'POST', `/api/live/rooms/${code}/join`, {
								nickname: `phone ${i}`
							}),
						(why) => note(`join resent: ${why}`)
					);
					if (j.status !== 201) throw new Error(`join failed: ${j.status}`);
					const phone: Phone = {
						i,
						id: j.body.playerId,
						token: j.body.token,
						agent,
						res: null,
						open: () => false,
						onOpen: null,
						results: new Map(),
						gotFinal: false
					};
					const q = new URLSearchParams({ player: phone.id, token: phone.token });
					const s = await openStream(
						port,
						`/api/live/rooms/${code}/events?${q}`,
						(event, _id, data) => {
							if (event === 'phase') {
								const p = data as PhaseUpdate;
								if (p.phase === 'open' && p.question) phone.onOpen?.(p);
							} else if (event === 'result') {
								const r = data as PlayerResult;
								phone.results.set(r.questionIndex, r);
							} else if (event === 'final') phone.gotFinal = true;
						}
					);
					phone.res = s.res;
					phone.open = s.open;
					phones.push(phone);
					joined++;
				}
			})
		);
		const joinSeconds = (performance.now() - joinStart) / 1000;
		if (joined !== n) throw new Error(`only ${joined} of ${n} joined`);

		const command = async (action: string) => {
			const r = await httpOnce<HostResponse>(
				port,
				hostAgent,
				'POST',
				`/api/live/rooms/${code}/host`,
				{
					secret: hostSecret,
					action
				}
			);
			if (r.status !== 200) throw new Error(`host ${action}: HTTP ${r.status}`);
			return r.body;
		};

		const latencies: number[] = [];
		const ackLatencies: number[] = [];
		const perQuestionP95: number[] = [];
		let sent = 0;
		let acknowledged = 0;
		let refused = 0;
		let retries = 0;
		let lost = 0;
		let cpuBusy = 0;
		let cpuWall = 0;
		let machineBusy = 0;
		let clientBusy = 0;
		let fresh = 0;
		let drops = 0;
		const lag = monitorEventLoopDelay({ resolution: 10 });
		await host.take(); // drop the lobby's events
		for (let qi = 0; qi < questions; qi++) {
			// Each phone answers a think-time after its own stream showed it the question.
			const acks = new Map<Phone, { t0: number; ack: number; seq: number; selection: number[] }>();
			let settled = 0;
			const answered = new Promise<void>((resolve) => {
				for (const phone of phones) {
					phone.onOpen = (p) => {
						phone.onOpen = null;
						const q = p.question;
						if (!q || p.questionIndex !== qi) return;
						setTimeout(
							() => {
								const pick = q.choices[Math.floor(Math.random() * q.choices.length)] ?? 0;
								const body = {
									playerId: phone.id,
									token: phone.token,
									questionIndex: qi,
									selection: [pick]
								};
								const t0 = clock();
								sent++;
								withRetry(
									() =>
										httpOnce<AnswerResponse>(
											port,
											phone.agent,
											'POST',
											`/api/live/rooms/${code}/answer`,
											body
										),
									(why) => {
										retries++;
										note(`answer resent: ${why}`);
									}
								)
									.then((r) => {
										if (r.status === 200)
											acks.set(phone, { t0, ack: clock(), seq: r.body.seq, selection: [pick] });
										else if (
											r.status === 409 &&
											(r.body as unknown as { error: { code: string } }).error.code ===
												'already-answered'
										)
											// A resend of an answer the server had already taken: it counts, with no seq of its own.
											acks.set(phone, { t0, ack: clock(), seq: -1, selection: [pick] });
										else {
											refused++;
											note(`answer refused: HTTP ${r.status} ${JSON.stringify(r.body)}`);
										}
									})
									.catch((error: unknown) => {
										refused++;
										note(`answer failed: ${String(error)}`);
									})
									.finally(() => {
										if (++settled === phones.length) resolve();
									});
							},
							logNormal(args.thinkMs, args.spread)
						);
					};
				}
			});
			lag.reset();
			lag.enable();
			const cpu0 = server.cpuSeconds();
			const wall0 = performance.now();
			const machine0 = machineCpuSeconds();
			const client0 = process.cpuUsage();
			const fresh0 = freshConnections;
			const drops0 = listenDrops();
			await command(qi === 0 ? 'start' : 'next');
			await Promise.race([answered, sleep(60_000)]);
			if (settled !== phones.length) throw new Error(`only ${settled} of ${n} answers settled`);
			acknowledged += acks.size;
			const maxSeq = Math.max(0, ...[...acks.values()].map((a) => a.seq));
			const tallies: [number, number, number, number][] = [];
			const tallyDeadline = Date.now() + 15_000;
			while ((tallies[tallies.length - 1]?.[0] ?? 0) < maxSeq && Date.now() < tallyDeadline) {
				tallies.push(...(await host.take()).tallies);
				await sleep(50);
			}
			cpuBusy += server.cpuSeconds() - cpu0;
			cpuWall += (performance.now() - wall0) / 1000;
			machineBusy += machineCpuSeconds() - machine0;
			const client = process.cpuUsage(client0);
			clientBusy += (client.user + client.system) / 1e6;
			fresh += freshConnections - fresh0;
			drops += listenDrops() - drops0;
			lag.disable();
			const before = latencies.length;
			for (const a of acks.values()) {
				ackLatencies.push(a.ack - a.t0);
				if (a.seq < 0) continue;
				// Tallies arrive in id order: the first with id ≥ seq is the first that counts the answer.
				let lo = 0;
				let hi = tallies.length;
				while (lo < hi) {
					const mid = (lo + hi) >> 1;
					if ((tallies[mid]?.[0] ?? 0) < a.seq) lo = mid + 1;
					else hi = mid;
				}
				const t = tallies[lo];
				if (t) latencies.push(t[1] - a.t0);
				else note('no tally ever counted an answer');
			}
			perQuestionP95.push(
				percentile(
					latencies.slice(before).sort((x, y) => x - y),
					95
				)
			);
			await command('close');
			await command('reveal');
			let reveal: Reveal | undefined;
			await until(
				() => phones.every((p) => p.results.has(qi)),
				15_000,
				'every phone to get its result'
			);
			const revealDeadline = Date.now() + 10_000;
			while (!reveal && Date.now() < revealDeadline) {
				reveal = (await host.take()).reveals.find((r) => r.questionIndex === qi);
				if (!reveal) await sleep(50);
			}
			// Every acknowledged answer must be the phone's own result, and counted at the reveal.
			for (const [phone, a] of acks) {
				const r = phone.results.get(qi);
				if (!r || JSON.stringify(r.selection) !== JSON.stringify(a.selection)) lost++;
			}
			if (!reveal || reveal.tally.answered < acks.size)
				lost += Math.max(0, acks.size - (reveal?.tally.answered ?? 0));
		}
		const lagP99 = lag.percentile(99) / 1e6;
		const lagMax = lag.max / 1e6;
		// After the deck's last question `next` ends the session; after fewer, the host ends it.
		await command(questions < created.body.room.questionIds.length ? 'end' : 'next');
		await until(() => phones.every((p) => p.gotFinal), 15_000, 'every phone to get its score');

		latencies.sort((a, b) => a - b);
		ackLatencies.sort((a, b) => a - b);
		for (const [what, count] of problems) console.log(`  ${count}× ${what}`);
		const result: RunResult = {
			players: n,
			held: phones.filter((p) => p.open() && p.gotFinal).length,
			answersSent: sent,
			acknowledged,
			lost,
			refused,
			retries,
			p50: percentile(latencies, 50),
			p95: percentile(latencies, 95),
			p99: percentile(latencies, 99),
			max: latencies[latencies.length - 1] ?? NaN,
			ackP50: percentile(ackLatencies, 50),
			ackP95: percentile(ackLatencies, 95),
			perQuestionP95: perQuestionP95.map((x) => Math.round(x)),
			serverCpu: cpuWall > 0 ? cpuBusy / cpuWall : NaN,
			otherCpu: cpuWall > 0 ? Math.max(0, machineBusy - cpuBusy - clientBusy) / cpuWall : NaN,
			peakRssMb: server.peakRssKb() / 1024,
			clientLagP99: lagP99,
			clientLagMax: lagMax,
			joinSeconds,
			seconds: (performance.now() - started) / 1000,
			freshConnections: fresh,
			listenDrops: drops,
			meetsTarget: false
		};
		result.meetsTarget =
			result.held === n && result.lost === 0 && result.refused === 0 && result.p95 < TARGET_P95_MS;
		return result;
	} finally {
		for (const p of phones) {
			p.res?.destroy();
			p.agent.destroy();
		}
		await host?.stop();
		await server.stop();
	}
}

function print(r: RunResult): void {
	const ms = (x: number) => `${x.toFixed(0)} ms`;
	console.log(
		[
			`players held          ${r.held} / ${r.players}`,
			`answers               ${r.answersSent} sent, ${r.acknowledged} acknowledged, ${r.lost} lost, ${r.refused} refused or failed, ${r.retries} resends`,
			`answer → host tally   p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  max ${ms(r.max)}`,
			`answer → its 200      p50 ${ms(r.ackP50)}  p95 ${ms(r.ackP95)}; tally p95 per question ${r.perQuestionP95.join(' ')}`,
			`server                CPU ${(r.serverCpu * 100).toFixed(0)}% of a core while answering; peak RSS ${r.peakRssMb.toFixed(0)} MiB; other programs ${(r.otherCpu * 100).toFixed(0)}% of a core`,
			`load client           event-loop delay p99 ${ms(r.clientLagP99)}, max ${ms(r.clientLagMax)}`,
			`connections           ${r.freshConnections} answers on a new connection; ${r.listenDrops} connection attempts dropped by a full listen queue`,
			`time                  joins ${r.joinSeconds.toFixed(1)} s; whole run ${r.seconds.toFixed(1)} s`,
			`target (p95 < ${TARGET_P95_MS} ms, none lost or refused, all held): ${r.meetsTarget ? 'met' : 'NOT met'}`
		].join('\n')
	);
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (!existsSync(join(args.build, 'index.js'))) {
		console.log(`${args.build}/ is missing: building…`);
		const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
		if (b.status !== 0) process.exit(b.status ?? 1);
	}
	const fds = fdLimit();
	// This process holds two sockets per phone (its stream and its POST connection); leave room.
	const cap = Math.min(MAX_PLAYERS, Math.floor((fds.soft - 300) / 2));
	console.log(
		`fd limit ${fds.soft}; ${args.questions} questions; think time log-normal, median ${args.thinkMs} ms, σ ${args.spread}`
	);
	if (args.sweep) {
		let best: RunResult | null = null;
		const deadline = Date.now() + 15 * 60_000;
		for (const n of SWEEP_STEPS.filter((s) => s <= cap)) {
			if (Date.now() > deadline) break;
			console.log(`\n== ${n} players`);
			const r = await run(n, args);
			print(r);
			console.log(`JSON ${JSON.stringify(r)}`);
			if (!r.meetsTarget) break;
			best = r;
		}
		console.log(
			`\nlargest N meeting the target: ${best ? best.players : 'none'} (of the steps tried)`
		);
		return;
	}
	const summary: Record<string, number | string>[] = [];
	for (const wanted of args.players) {
		const n = Math.min(wanted, cap);
		if (n < wanted) console.log(`(players capped at ${n} by the fd limit; raise ulimit -n)`);
		const results: RunResult[] = [];
		for (let k = 0; k < args.runs; k++) {
			console.log(`\n== ${n} players, run ${k + 1} of ${args.runs}`);
			const r = await run(n, args);
			print(r);
			console.log(`JSON ${JSON.stringify(r)}`);
			results.push(r);
		}
		const med = (f: (r: RunResult) => number) => Number(median(results.map(f)).toFixed(1));
		summary.push({
			players: n,
			runs: results.length,
			p50: med((r) => r.p50),
			p95: med((r) => r.p95),
			max: med((r) => r.max),
			lost: Math.max(...results.map((r) => r.lost)),
			refused: Math.max(...results.map((r) => r.refused)),
			cpu: `${med((r) => r.serverCpu * 100)}%`,
			otherCpu: `${med((r) => r.otherCpu * 100)}%`,
			rssMb: med((r) => r.peakRssMb),
			clientLagP99: med((r) => r.clientLagP99),
			freshConns: Math.max(...results.map((r) => r.freshConnections)),
			listenDrops: Math.max(...results.map((r) => r.listenDrops)),
			met: `${results.filter((r) => r.meetsTarget).length}/${results.length}`
		});
	}
	console.log('\nmedians (lost, refused, fresh connections, listen drops: worst run)');
	console.table(summary);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
