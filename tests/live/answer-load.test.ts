/**
 * The answer path under a room's load, against the built server over real HTTP with a real SQLite file:
 * answers arriving together are stored in one commit and acknowledged only after it, so every answer a
 * phone was told is taken survives a kill -9; and the server keeps a phone's connection open between
 * questions, so a room's answers do not each open a new connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	AnswerResponse,
	CreateRoomResponse,
	HostResponse,
	HostView,
	JoinResponse
} from '$lib/live/protocol';
import { call, killServer, startServer, type Server } from './server';

const env = { FRAUD_DRILL_JOIN_LIMIT: '1000' };

describe('answers under load', () => {
	let server: Server;

	beforeAll(async () => {
		server = await startServer({ env });
	});
	afterAll(async () => {
		await killServer(server, 'SIGTERM');
	});

	it('keeps a phone connection open between questions (keep-alive for minutes, not 5 s)', async () => {
		const res = await call(server, 'GET', '/api/live/rooms/ZZZZZZ', undefined, {
			headers: { connection: 'keep-alive' }
		});
		expect(res.status).toBe(404);
		expect(res.headers['keep-alive']).toBe('timeout=120');
	});

	it('every acknowledged answer of a burst survives a kill -9 right after the last acknowledgement', async () => {
		const created = await call<CreateRoomResponse>(server, 'POST', '/api/live/rooms', {
			deck: { kind: 'quick' },
			seed: 11
		});
		expect(created.status).toBe(201);
		const room = created.body;
		const players: JoinResponse[] = [];
		for (let i = 0; i < 120; i++) {
			const j = await call<JoinResponse>(server, 'POST', `/api/live/rooms/${room.code}/join`, {
				nickname: `phone ${i}`
			});
			expect(j.status).toBe(201);
			players.push(j.body);
		}
		const start = await call<HostResponse>(server, 'POST', `/api/live/rooms/${room.code}/host`, {
			secret: room.hostSecret,
			action: 'start'
		});
		expect(start.status).toBe(200);
		const choices = start.body.room.question?.choices ?? [];
		expect(choices.length).toBeGreaterThanOrEqual(2);

		// Every phone answers at once, each on its own connection: the server takes them in batches.
		const replies = await Promise.all(
			players.map((p, i) =>
				call<AnswerResponse>(server, 'POST', `/api/live/rooms/${room.code}/answer`, {
					playerId: p.playerId,
					token: p.token,
					questionIndex: 0,
					selection: [choices[i % 2] ?? 0]
				})
			)
		);
		expect(replies.map((r) => r.status)).toEqual(players.map(() => 200));
		const seqs = replies.map((r) => r.body.seq).sort((a, b) => a - b);
		expect(new Set(seqs).size).toBe(players.length);

		await killServer(server, 'SIGKILL');
		server = await startServer({ port: server.port, dataDir: server.dataDir, env });

		const view = await call<HostView>(
			server,
			'GET',
			`/api/live/rooms/${room.code}/host`,
			undefined,
			{ headers: { 'x-host-secret': room.hostSecret } }
		);
		expect(view.status).toBe(200);
		expect(view.body.seq).toBe(seqs.at(-1));
		expect(view.body.tally?.answered).toBe(players.length);
		// Each phone, rejoining, is shown the answer it sent.
		for (const [i, p] of players.entries()) {
			if (i % 10 !== 0) continue;
			const back = await call<JoinResponse>(server, 'POST', `/api/live/rooms/${room.code}/join`, {
				token: p.token
			});
			expect(back.body.room.answer).toEqual([choices[i % 2] ?? 0]);
		}
	});
});
