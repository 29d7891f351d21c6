/**
 * Option order in live rooms, against the built server over real HTTP with a real SQLite file: each room
 * shows a decide question's options in the order its seed draws, two rooms can differ, tallies, results
 * and the report count the option each player picked (not a position), and after the process is killed
 * and restarted on the same data the room shows the very same order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { optionOrder } from '$lib/quiz/order';
import { shippedCatalog } from '$lib/quiz/test-catalog';
import type { DecideQuestion } from '$lib/scenarios/generate';
import type {
	AnswerResponse,
	CreateRoomResponse,
	HostResponse,
	JoinResponse
} from '$lib/live/protocol';
import { call, killServer, startServer, type ErrorReply, type Server } from './server';

const catalog = shippedCatalog();
const env = { FRAUD_DRILL_JOIN_LIMIT: '1000' };

// A decide question with at least three options, and two seeds that show it in different orders, neither
// of them the authored one; under the first, an unsafe option is shown first.
const q = catalog.questions.find(
	(x): x is DecideQuestion => x.kind === 'decide' && x.options.length >= 3
)!;
const n = q.options.length;
const safe = q.options.findIndex((o) => o.safe);
const orderOf = (seed: number) => optionOrder(seed, q.id, n);
const authored = Array.from({ length: n }, (_, i) => i).join();
const seeds = Array.from({ length: 200 }, (_, i) => i + 1).filter(
	(s) => orderOf(s).join() !== authored
);
const seedA = seeds.find((s) => !q.options[orderOf(s)[0]!]!.safe)!;
const seedB = seeds.find((s) => orderOf(s).join() !== orderOf(seedA).join())!;

interface Player {
	id: string;
	token: string;
}

async function create(server: Server, seed: number): Promise<CreateRoomResponse> {
	const res = await call<CreateRoomResponse>(server, 'POST', '/api/live/rooms', {
		deck: { kind: 'ids', ids: [q.id] },
		seed
	});
	expect(res.status, res.text).toBe(201);
	return res.body;
}

async function join(server: Server, code: string, body: object): Promise<JoinResponse> {
	const res = await call<JoinResponse>(server, 'POST', `/api/live/rooms/${code}/join`, body);
	expect(res.status, res.text).toBeLessThan(300);
	return res.body;
}

async function host(server: Server, room: CreateRoomResponse, action: string) {
	const res = await call<HostResponse>(server, 'POST', `/api/live/rooms/${room.code}/host`, {
		secret: room.hostSecret,
		action
	});
	expect(res.status, res.text).toBe(200);
	return res.body.room;
}

async function answer(server: Server, code: string, p: Player, choice: number) {
	const res = await call<AnswerResponse & ErrorReply>(
		server,
		'POST',
		`/api/live/rooms/${code}/answer`,
		{ playerId: p.id, token: p.token, questionIndex: 0, selection: [choice] }
	);
	expect(res.status, res.text).toBe(200);
	expect(res.body.accepted.selection).toEqual([choice]);
}

describe('option order in live rooms', () => {
	let server: Server | undefined;
	afterAll(async () => {
		if (server) await killServer(server, 'SIGTERM');
	});

	it('draws each room’s order from its seed, counts answers by option, and replays the order after a restart', async () => {
		expect(seedA).toBeDefined();
		expect(seedB).toBeDefined();
		server = await startServer({ env });
		const roomA = await create(server, seedA);
		const roomB = await create(server, seedB);
		const players = {
			a: [
				await join(server, roomA.code, { nickname: 'Ana' }),
				await join(server, roomA.code, { nickname: 'Bo' })
			],
			b: [await join(server, roomB.code, { nickname: 'Cai' })]
		};

		const openA = await host(server, roomA, 'start');
		const openB = await host(server, roomB, 'start');
		const shownA = openA.question?.choices ?? [];
		const shownB = openB.question?.choices ?? [];
		expect(shownA).toEqual(orderOf(seedA));
		expect(shownB).toEqual(orderOf(seedB));
		expect(shownA).not.toEqual(shownB);
		// The options' texts still travel by authored index, so a choice names its own text.
		expect(openA.question?.options).toEqual(q.options.map((o) => o.text));

		// Phones see the host's order.
		const phoneA = await join(server, roomA.code, { token: players.a[0]!.token });
		expect(phoneA.room.question?.choices).toEqual(shownA);

		// In room A, Ana takes the option shown first and Bo the safe one, wherever it is shown.
		const first = shownA[0]!;
		const [ana, bo] = players.a.map((p) => ({ id: p.playerId, token: p.token })) as [
			Player,
			Player
		];
		await answer(server, roomA.code, ana, first);
		await answer(server, roomA.code, bo, safe);
		// In room B, Cai takes the option shown last.
		const cai = { id: players.b[0]!.playerId, token: players.b[0]!.token };
		await answer(server, roomB.code, cai, shownB.at(-1)!);

		// Tallies are by option: each count sits beside the option it was given for.
		const closedA = await host(server, roomA, 'close');
		const tally = closedA.tally!;
		const countOf = (choice: number) => tally.counts[tally.choices.indexOf(choice)] ?? 0;
		expect(tally.answered).toBe(2);
		expect(countOf(safe)).toBe(1);
		expect(countOf(first)).toBe(1);
		for (const c of shownA.filter((c) => c !== safe && c !== first)) expect(countOf(c)).toBe(0);
		const closedB = await host(server, roomB, 'close');
		expect(closedB.tally!.counts[closedB.tally!.choices.indexOf(shownB.at(-1)!)]).toBe(1);

		// The reveal names the safe option itself, and each player is graded on the option they took.
		const revealA = await host(server, roomA, 'reveal');
		expect(revealA.reveal?.expected).toContain(safe);
		const anaView = (await join(server, roomA.code, { token: ana.token })).room;
		const boView = (await join(server, roomA.code, { token: bo.token })).room;
		expect(anaView.result).toMatchObject({ selection: [first], correct: false, points: 0 });
		expect(boView.result).toMatchObject({ selection: [safe], correct: true });

		// A power cut and a restart on the same data: the room shows the same order, answers intact.
		const dataDir = server.dataDir;
		await killServer(server);
		server = await startServer({ env, dataDir });
		const after = (await join(server, roomA.code, { token: ana.token })).room;
		expect(after.phase).toBe('reveal');
		expect(after.question?.choices).toEqual(shownA);
		expect(after.result).toMatchObject({ selection: [first] });
		const afterB = (await join(server, roomB.code, { token: cai.token })).room;
		expect(afterB.question?.choices).toEqual(shownB);

		// The team report counts right answers by option too.
		const report = (await host(server, roomA, 'end')).report!;
		expect(report.questions[0]).toMatchObject({ questionId: q.id, answers: 2, correct: 1 });
	});
});
