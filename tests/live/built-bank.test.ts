/**
 * The built server's scenario bank: the one its build checked and prerendered (`prerendered/bank.json`,
 * handed over by `server/built-bank.js`), not the bundled YAML parsed and checked again at every start.
 * Rooms show which bank the server holds: a full deck is every question of it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedBank, shippedCatalog } from '$lib/quiz/test-catalog';
import type { CreateRoomResponse } from '$lib/live/protocol';
import type { Bank } from '$lib/scenarios/schema';
import { call, killServer, liveBuild, startServer, type Server } from './server';

const copies: string[] = [];
const servers: Server[] = [];

afterAll(async () => {
	await Promise.all(servers.map((s) => killServer(s)));
	for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the build whose prerendered bank is changed (or removed, when `change` returns undefined). */
function buildCopy(change: (bank: Bank) => Bank | undefined): string {
	// Inside the project's node_modules, so that the copy finds the server's packages as the build does.
	const parent = join('node_modules', '.cache');
	mkdirSync(parent, { recursive: true });
	const dir = mkdtempSync(join(parent, 'fraud-drill-build-'));
	copies.push(dir);
	cpSync(liveBuild(), dir, { recursive: true });
	const file = join(dir, 'prerendered', 'bank.json');
	const changed = change(JSON.parse(readFileSync(file, 'utf8')) as Bank);
	if (changed) writeFileSync(file, JSON.stringify(changed));
	else rmSync(file);
	return dir;
}

/** The question ids of a full-bank room on `server`, sorted. */
async function fullDeck(server: Server): Promise<string[]> {
	const res = await call<CreateRoomResponse>(server, 'POST', '/api/live/rooms', {
		deck: { kind: 'full' },
		seed: 3
	});
	expect(res.status, res.text).toBe(201);
	return [...res.body.room.questionIds].sort();
}

const shipped = shippedCatalog()
	.index.questions.map((q) => q.id)
	.sort();
// A scenario no check form uses, so that a bank without it is still whole.
const inForms = new Set((shippedBank().forms ?? []).flatMap((f) => f.scenarios));
const dropped = shippedBank().scenarios.find((s) => !inForms.has(s.id))?.id ?? '';

describe('the built server’s bank', () => {
	it('is the bank the build checked: every shipped question, no other', async () => {
		const server = await startServer();
		servers.push(server);
		expect(await fullDeck(server)).toEqual(shipped);
	});

	it('comes from the build’s prerendered bank.json, not from the YAML checked again', async () => {
		expect(dropped).not.toBe('');
		const server = await startServer({
			build: buildCopy((bank) => ({
				...bank,
				scenarios: bank.scenarios.filter((s) => s.id !== dropped)
			}))
		});
		servers.push(server);
		const deck = await fullDeck(server);
		expect(deck.length).toBeGreaterThan(0);
		expect(deck).toEqual(shipped.filter((id) => !id.startsWith(`${dropped}/`)));
		expect(deck.length).toBeLessThan(shipped.length);
	});

	it('without bank.json in the build, checks the bundled scenarios and says so', async () => {
		const server = await startServer({ build: buildCopy(() => undefined) });
		servers.push(server);
		expect(await fullDeck(server)).toEqual(shipped);
		expect(server.output()).toContain('prerendered/bank.json is missing from the build');
	});
});
