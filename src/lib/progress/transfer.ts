/**
 * "Your data, yours to move": export all progress as one versioned JSON file, import it on another
 * device (merging without duplicates), and reset. An import is checked completely before anything is
 * written, so a refused file leaves existing progress exactly as it was.
 */
import * as v from 'valibot';
import type { Catalog } from '$lib/quiz/catalog';
import { buildCards } from '$lib/review/cards';
import { appendAttempts, readAttempt, readHistory, type Attempt } from './attempts';
import { noteChecks } from './checks';
import { store } from './db';
import { quarantined, type QuarantinedRecord } from './quarantine';
import { readSettings, writeSettings, type Settings } from './settings';
import { AnySettingsSchema, migrateSettings } from './settings-schema';

export const EXPORT_FORMAT = 'fraud-drill-progress';
export const EXPORT_VERSION = 1;
/** Larger files are refused before they are read (a full history of years is a few MB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_ATTEMPTS = 200_000;

export interface ProgressExport {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	exportedAt: string;
	attempts: Attempt[];
	settings: Settings;
	/** The review cards at export time, for reading; on import they are rebuilt from the attempts. */
	cards: {
		id: string;
		due: string;
		state: number;
		stability: number;
		reps: number;
		lapses: number;
	}[];
	/** Records that were set aside as unreadable, kept so nothing is lost in a move. */
	quarantine: QuarantinedRecord[];
}

/** Gathers everything into one export object. */
export async function exportProgress(catalog: Catalog, now = new Date()): Promise<ProgressExport> {
	const { attempts } = await readHistory(catalog);
	const cards = [...buildCards(catalog, attempts).values()].map((c) => ({
		id: c.id,
		due: c.card.due.toISOString(),
		state: c.card.state,
		stability: c.card.stability,
		reps: c.card.reps,
		lapses: c.card.lapses
	}));
	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: now.toISOString(),
		attempts,
		settings: (await readSettings()).settings,
		cards,
		quarantine: await quarantined()
	};
}

const QuarantineSchema = v.strictObject({
	v: v.literal(1),
	from: v.picklist(['quiz', 'attempts', 'settings', 'quarantine', 'review']),
	key: v.string(),
	reason: v.string(),
	at: v.number(),
	value: v.unknown()
});

const FileSchema = v.strictObject({
	format: v.literal(EXPORT_FORMAT),
	version: v.literal(EXPORT_VERSION),
	exportedAt: v.string(),
	attempts: v.pipe(v.array(v.unknown()), v.maxLength(MAX_ATTEMPTS, 'too many attempts')),
	settings: v.optional(AnySettingsSchema),
	cards: v.optional(v.array(v.unknown())),
	quarantine: v.optional(v.array(QuarantineSchema))
});

/** Why an import file is refused, as a code with its data; the data page words it. */
export type ImportRefusal =
	| { code: 'too-large'; bytes: number; limit: number }
	| { code: 'not-json' }
	| { code: 'not-progress-file' }
	| { code: 'newer'; version: number }
	| { code: 'damaged'; where: string }
	/** `reason` is a set-aside reason code (see reasons.ts). */
	| { code: 'attempt-unreadable'; n: number; reason: string }
	| { code: 'attempt-repeated'; n: number; id: string };

export type ImportCheck =
	| {
			ok: true;
			attempts: Attempt[];
			settings?: Settings;
			quarantine: QuarantinedRecord[];
			/** Ids of attempts at questions this bank does not have (kept, but never asked in review). */
			outsideBank: ReadonlySet<string>;
	  }
	| { ok: false; reason: ImportRefusal };

/** Checks an import file's text completely, without writing anything. */
export function checkImport(text: string, bytes: number, catalog: Catalog): ImportCheck {
	if (bytes > MAX_IMPORT_BYTES)
		return { ok: false, reason: { code: 'too-large', bytes, limit: MAX_IMPORT_BYTES } };
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, reason: { code: 'not-json' } };
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('format' in raw))
		return { ok: false, reason: { code: 'not-progress-file' } };
	if (raw.format !== EXPORT_FORMAT) return { ok: false, reason: { code: 'not-progress-file' } };
	const version = 'version' in raw ? raw.version : undefined;
	if (typeof version === 'number' && version > EXPORT_VERSION)
		return { ok: false, reason: { code: 'newer', version } };
	const parsed = v.safeParse(FileSchema, raw);
	if (!parsed.success)
		return {
			ok: false,
			reason: { code: 'damaged', where: v.getDotPath(parsed.issues[0]) ?? 'file' }
		};
	const attempts: Attempt[] = [];
	const ids = new Set<string>();
	for (const [i, record] of parsed.output.attempts.entries()) {
		const read = readAttempt(record, catalog);
		if (!read.ok)
			return {
				ok: false,
				reason: { code: 'attempt-unreadable', n: i + 1, reason: read.reason }
			};
		if (ids.has(read.attempt.id))
			return {
				ok: false,
				reason: { code: 'attempt-repeated', n: i + 1, id: read.attempt.id }
			};
		ids.add(read.attempt.id);
		attempts.push(read.attempt);
	}
	const outsideBank = new Set(
		attempts.filter((a) => !catalog.question.has(a.questionId)).map((a) => a.id)
	);
	return {
		ok: true,
		attempts,
		settings: parsed.output.settings
			? (migrateSettings(parsed.output.settings) ?? undefined)
			: undefined,
		quarantine: parsed.output.quarantine ?? [],
		outsideBank
	};
}

/**
 * Merges a checked import: new attempts are added (known ids skipped), settings replaced. `outside`
 * counts the added answers to questions this bank no longer has, so that the learner is told.
 */
export async function applyImport(
	check: Extract<ImportCheck, { ok: true }>
): Promise<{ added: number; known: number; outside: number }> {
	const db = await store('attempts');
	const existing = new Set(await db.keys());
	const fresh = check.attempts.filter((a) => !existing.has(a.id));
	await appendAttempts(fresh);
	// Imported check answers lift the hold on their form's scenarios, as if the check was taken here.
	await noteChecks(fresh);
	if (check.settings) await writeSettings(check.settings);
	if (check.quarantine.length > 0) {
		const q = await store('quarantine');
		const known = new Set((await quarantined()).map((r) => `${r.at}:${r.from}:${r.key}`));
		for (const r of check.quarantine)
			if (!known.has(`${r.at}:${r.from}:${r.key}`))
				await q.setItem(`${r.at}:${r.from}:${r.key}:imported`, r);
	}
	return {
		added: fresh.length,
		known: check.attempts.length - fresh.length,
		outside: fresh.filter((a) => check.outsideBank.has(a.id)).length
	};
}

/**
 * Deletes all progress: history, the unfinished drill, settings, set-aside records, and what review
 * derived from the history (its cards cache and due summary).
 */
export async function resetProgress(): Promise<void> {
	for (const name of ['attempts', 'quiz', 'settings', 'quarantine', 'review'] as const)
		await (await store(name)).clear();
}
