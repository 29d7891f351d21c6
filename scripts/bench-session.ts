/**
 * `npm run bench:session [-- --players N] [-- --sweep]`: a load test of live rooms. Starts the built server
 * on 127.0.0.1 with a throw-away data folder, joins N simulated players over real HTTP, holds one SSE
 * stream per player plus the host's, runs a 10-question session (open, everyone answers within a few
 * seconds, close, reveal, next) and prints:
 *
 * - players held: streams still open at the end that received the final event;
 * - answer → host tally latency (p50/p95/p99): from sending a player's answer POST to the host receiving a
 *   tally whose id (the room's event seq) is at or after the answer's seq, i.e. a tally that includes it;
 * - answers lost: sent but not counted in the question's final tally;
 * - server peak memory (VmHWM from /proc).
 *
 * Target on the project's 2-core machine: 2,000 players, p95 under 250 ms, none lost. `--sweep` runs
 * growing N (each on a fresh server) until the target fails, and reports the largest N that met it.
 * Loopback only, bounded in players (≤ 10,000) and in time (every wait has a deadline).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
	AnswerResponse,
	CreateRoomResponse,
	HostResponse,
	JoinResponse,
	PhaseUpdate,
	Tally
} from '../src/lib/live/protocol';

const MAX_PLAYERS = 10_000;
const TARGET_P95_MS = 250;
const SWEEP_STEPS = [1000, 2000, 3000, 4000, 5000, 6000, 8000, 10_000];

interface Args {
	players: number;
	sweep: boolean;
	questions: number;
	/** Players answer at random times within this many ms of the question opening. */
	windowMs: number;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { players: 2000, sweep: false, questions: 10, windowMs: 3000 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => Number(argv[++i]);
		if (a === '--players') args.players = next();
		else if (a === '--sweep') args.sweep = true;
		else if (a === '--window-ms') args.windowMs = next();
		else if (a === '--questions') args.questions = next();
	}
	if (!Number.isInteger(args.players) || args.players < 1 || args.players > MAX_PLAYERS)
		throw new Error(`--players must be 1..${MAX_PLAYERS}`);
	args.questions = Math.max(1, Math.min(10, Math.floor(args.questions) || 10));
	args.windowMs = Math.max(0, Math.min(30_000, args.windowMs || 0));
	return args;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

// -------------------------------------------------------------------------------------------------
// Server

interface Server {
	port: number;
	child: ChildProcess;
	dataDir: string;
	peakRssKb: () => number;
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

async function startServer(): Promise<Server> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'fraud-drill-bench-'));
	// Raise the soft descriptor limit to the hard one for the server: one socket per player stream.
	const child = spawn(
		'sh',
		['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" build', process.execPath],
		{
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				FRAUD_DRILL_DATA: dataDir,
				// Every simulated phone comes from 127.0.0.1; the per-client join limit would stop them.
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
	}, 100);
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error('the server exited while starting');
		try {
			const r = await http<unknown>(port, 'GET', '/api/live/rooms/ZZZZZZ');
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
		dataDir,
		peakRssKb: () => Math.max(peak, child.pid ? readStatus(child.pid).hwm : 0),
		stop: async () => {
			clearInterval(sampler);
			if (child.exitCode === null) {
				const done = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await Promise.race([done, sleep(5000)]);
				if (child.exitCode === null) child.kill('SIGKILL');
			}
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

// -------------------------------------------------------------------------------------------------
// HTTP and SSE clients

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function http<T>(
	port: number,
	method: string,
	path: string,
	body?: unknown
): Promise<{ status: number; body: T }> {
	const payload = body === undefined ? undefined : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method,
				path,
				agent,
				timeout: 30_000,
				headers: payload ? { 'content-type': 'application/json' } : {}
			},
			(res) => {
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
					resolve({ status: res.statusCode ?? 0, body: parsed as T });
				});
			}
		);
		req.on('timeout', () => req.destroy(new Error('request timed out')));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

/** A bare SSE reader: hands each complete event (name, id, data text) to `onEvent`. */
function stream(
	port: number,
	path: string,
	onEvent: (event: string, id: number, data: string) => void,
	headers: Record<string, string> = {}
): Promise<{ res: IncomingMessage; open: () => boolean }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, agent: false, headers }, (res) => {
			if (res.statusCode !== 200) {
				reject(new Error(`stream refused: ${res.statusCode}`));
				res.resume();
				return;
			}
			let open = true;
			let buf = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buf += chunk;
				let end: number;
				while ((end = buf.indexOf('\n\n')) >= 0) {
					const block = buf.slice(0, end);
					buf = buf.slice(end + 2);
					if (block.startsWith(':') || block.startsWith('retry')) continue;
					let event = '';
					let id = 0;
					let data = '';
					for (const line of block.split('\n')) {
						if (line.startsWith('event: ')) event = line.slice(7);
						else if (line.startsWith('id: ')) id = Number(line.slice(4));
						else if (line.startsWith('data: ')) data = line.slice(6);
					}
					onEvent(event, id, data);
				}
			});
			res.on('close', () => (open = false));
			resolve({ res, open: () => open });
		});
		req.on('error', reject);
		req.end();
	});
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const item = items[next++] as T;
			await task(item);
		}
	});
	await Promise.all(workers);
}

async function until(test: () => boolean, ms: number, what: string): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!test()) {
		if (Date.now() > deadline) {
			console.error(`  (gave up waiting for ${what})`);
			return false;
		}
		await sleep(10);
	}
	return true;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

// -------------------------------------------------------------------------------------------------
// One run

interface RunResult {
	players: number;
	held: number;
	answersSent: number;
	answersCounted: number;
	lost: number;
	errors: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	peakRssMb: number;
	joinSeconds: number;
	seconds: number;
	meetsTarget: boolean;
}

interface SimPlayer {
	id: string;
	token: string;
	gotFinal: boolean;
	open: () => boolean;
	res: IncomingMessage | null;
}

async function run(n: number, args: Args): Promise<RunResult> {
	const server = await startServer();
	const started = performance.now();
	const players: SimPlayer[] = [];
	let hostRes: IncomingMessage | null = null;
	try {
		const port = server.port;
		const created = await http<CreateRoomResponse>(port, 'POST', '/api/live/rooms', {
			deck: { kind: 'quick' },
			seed: 2021
		});
		if (created.status !== 201) throw new Error(`could not create a room: ${created.status}`);
		const room = created.body;
		const code = room.code;
		const questions = Math.min(args.questions, room.room.questionIds.length);

		// The host's stream: every tally with its arrival time, and the phase it is in.
		const tallies: { id: number; at: number }[] = [];
		let lastTally: Tally | null = null;
		let revealTally: Tally | null = null;
		// The host secret goes in a header (a browser sends the host cookie): never in the URL.
		const host = await stream(
			port,
			`/api/live/rooms/${code}/events`,
			(event, id, data) => {
				if (event === 'tally') {
					tallies.push({ id, at: performance.now() });
					lastTally = JSON.parse(data) as Tally;
				} else if (event === 'reveal') revealTally = (JSON.parse(data) as { tally: Tally }).tally;
			},
			{ 'x-host-secret': room.hostSecret }
		);
		hostRes = host.res;

		// Players join and open their streams.
		let phase: PhaseUpdate | null = null;
		let phaseSeen = 0;
		const joinStart = performance.now();
		await pool(
			Array.from({ length: n }, (_, i) => i),
			64,
			async (i) => {
				const j = await http<JoinResponse>(port, 'POST', `/api/live/rooms/${code}/join`, {
					nickname: `player-${i}`
				});
				if (j.status !== 201) throw new Error(`join failed: ${j.status}`);
				const p: SimPlayer = {
					id: j.body.playerId,
					token: j.body.token,
					gotFinal: false,
					open: () => false,
					res: null
				};
				const s = await stream(
					port,
					`/api/live/rooms/${code}/events?player=${p.id}&token=${encodeURIComponent(p.token)}`,
					(event, _id, data) => {
						if (event === 'phase') {
							phaseSeen++;
							if (i === 0) phase = JSON.parse(data) as PhaseUpdate;
						} else if (event === 'final') p.gotFinal = true;
					}
				);
				p.open = s.open;
				p.res = s.res;
				players.push(p);
			}
		);
		const joinSeconds = (performance.now() - joinStart) / 1000;

		const command = (action: string) =>
			http<HostResponse>(port, 'POST', `/api/live/rooms/${code}/host`, {
				secret: room.hostSecret,
				action
			});

		const latencies: number[] = [];
		const problems = new Map<string, number>();
		let sent = 0;
		let counted = 0;
		let errors = 0;
		for (let qi = 0; qi < questions; qi++) {
			const phasesBefore = phaseSeen;
			const opened = await command(qi === 0 ? 'start' : 'next');
			if (opened.status !== 200) throw new Error(`could not open question ${qi}`);
			await until(() => phaseSeen >= phasesBefore + n, 15_000, 'every phone to see the question');
			const q = opened.body.room.question;
			if (!q) throw new Error('no question open');
			const answers: { t0: number; seq: number }[] = [];
			await Promise.all(
				players.map(async (p) => {
					await sleep(Math.random() * args.windowMs);
					const pick = q.choices[Math.floor(Math.random() * q.choices.length)] ?? 0;
					const body = { playerId: p.id, token: p.token, questionIndex: qi, selection: [pick] };
					const path = `/api/live/rooms/${code}/answer`;
					const t0 = performance.now();
					sent++;
					try {
						let r: { status: number; body: AnswerResponse };
						try {
							r = await http<AnswerResponse>(port, 'POST', path, body);
						} catch (error) {
							// A keep-alive socket the server closed as it was reused: resend, as a phone
							// would. Answers are idempotent, so a resend can never count twice.
							problems.set(
								`retried: ${String(error)}`,
								(problems.get(`retried: ${String(error)}`) ?? 0) + 1
							);
							r = await http<AnswerResponse>(port, 'POST', path, body);
						}
						if (r.status === 200) answers.push({ t0, seq: r.body.seq });
						else {
							errors++;
							const key = `HTTP ${r.status} ${JSON.stringify(r.body)}`;
							problems.set(key, (problems.get(key) ?? 0) + 1);
						}
					} catch (error) {
						errors++;
						problems.set(String(error), (problems.get(String(error)) ?? 0) + 1);
					}
				})
			);
			const maxSeq = Math.max(0, ...answers.map((a) => a.seq));
			await until(
				() => (tallies[tallies.length - 1]?.id ?? 0) >= maxSeq,
				10_000,
				'the host tally to catch up'
			);
			for (const a of answers) {
				// Tallies arrive in id order: the first with id ≥ seq is the first that includes the answer.
				let lo = 0;
				let hi = tallies.length;
				while (lo < hi) {
					const mid = (lo + hi) >> 1;
					if ((tallies[mid]?.id ?? 0) < a.seq) lo = mid + 1;
					else hi = mid;
				}
				const t = tallies[lo];
				if (t) latencies.push(t.at - a.t0);
			}
			revealTally = null;
			await command('close');
			await command('reveal');
			await until(() => revealTally !== null, 10_000, 'the reveal');
			const final = revealTally as Tally | null;
			counted += final?.answered ?? (lastTally as Tally | null)?.answered ?? 0;
			void phase;
		}
		await command('next');
		await until(() => players.every((p) => p.gotFinal), 15_000, 'every phone to get its score');

		latencies.sort((a, b) => a - b);
		for (const [what, count] of problems) console.log(`  ${count}× ${what}`);
		const held = players.filter((p) => p.open() && p.gotFinal).length;
		const result: RunResult = {
			players: n,
			held,
			answersSent: sent,
			answersCounted: counted,
			lost: sent - counted,
			errors,
			p50: percentile(latencies, 50),
			p95: percentile(latencies, 95),
			p99: percentile(latencies, 99),
			max: latencies[latencies.length - 1] ?? NaN,
			peakRssMb: server.peakRssKb() / 1024,
			joinSeconds,
			seconds: (performance.now() - started) / 1000,
			meetsTarget: false
		};
		result.meetsTarget = result.held === n && result.lost === 0 && result.p95 < TARGET_P95_MS;
		return result;
	} finally {
		for (const p of players) p.res?.destroy();
		hostRes?.destroy();
		await server.stop();
	}
}

function print(r: RunResult): void {
	const ms = (x: number) => `${x.toFixed(1)} ms`;
	console.log(
		[
			`players held        ${r.held} / ${r.players}`,
			`answers             ${r.answersSent} sent, ${r.answersCounted} counted, ${r.lost} lost (${r.errors} refused or failed)`,
			`answer → host tally p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  max ${ms(r.max)}`,
			`server peak RSS     ${r.peakRssMb.toFixed(1)} MiB`,
			`joins               ${r.joinSeconds.toFixed(1)} s; whole run ${r.seconds.toFixed(1)} s`,
			`target (p95 < ${TARGET_P95_MS} ms, none lost, all held): ${r.meetsTarget ? 'met' : 'NOT met'}`
		].join('\n')
	);
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (!existsSync('build/index.js')) {
		console.log('build/ is missing: building…');
		const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
		if (b.status !== 0) process.exit(b.status ?? 1);
	}
	const fds = fdLimit();
	// This process holds one socket per player stream plus the POST pool; leave room for the rest.
	const cap = Math.min(MAX_PLAYERS, fds.soft - 300);
	console.log(
		`fd limit ${fds.soft} (hard ${fds.hard}); ${args.questions} questions; answers spread over ${args.windowMs} ms`
	);
	if (!args.sweep) {
		const n = Math.min(args.players, cap);
		if (n < args.players) console.log(`(players capped at ${n} by the fd limit; raise ulimit -n)`);
		console.log(`\n== ${n} players`);
		const r = await run(n, args);
		print(r);
		console.log(`\nJSON ${JSON.stringify(r)}`);
		return;
	}
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
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
