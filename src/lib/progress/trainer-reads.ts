/**
 * What a trainer reads from storage as it opens: the settings, the check log and the saved drill's record,
 * started together instead of one after another. The drill page reads the record first, in its load
 * function (it fetches the saved drill's scenarios before the trainer checks the drill), and hands it over.
 * The reads go straight to IndexedDB (./probe); the rest of the trainer's storage code (./trainer-storage:
 * the checks of a stored record, setting aside, the writes) is loaded only when a record is found, or to
 * write. So a first visit, which finds no database, loads nothing more of storage before its first
 * question. Whatever is set aside, and the checks of the saved drill against the bank, are done by the
 * trainer as before (`Trainer.open`, `readSavedQuiz`).
 */
import type { Catalog } from '$lib/quiz/catalog';
import { readCheckLog, type CheckLog } from './check-log';
import { readOne } from './probe';
import type { SavedQuiz, SavedQuizKey } from './saved-quiz';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from './settings-start';

/** The trainer's storage code beyond its reads (see ./trainer-storage). */
export type TrainerStorage = typeof import('./trainer-storage');

let storage: Promise<TrainerStorage> | undefined;

/** The trainer's storage code, imported once (a failed import, such as a dropped connection, is tried again). */
export function trainerStorage(): Promise<TrainerStorage> {
	storage ??= import('./trainer-storage').catch((err: unknown) => {
		storage = undefined;
		throw err;
	});
	return storage;
}

/** The checks of a saved drill's record (see ./saved-quiz-check), loaded when there is one. */
function savedQuizChecks(): Promise<typeof import('./saved-quiz-check')> {
	return import('./saved-quiz-check');
}

/**
 * Starts loading the trainer's storage code and storage's library ahead of the first write (a drill's
 * first answer is saved as soon as its feedback is painted), so that the write does not wait for the
 * network. A failed load is tried again by the write itself.
 */
export function preloadTrainerStorage(): void {
	trainerStorage().then(
		(code) => code.preloadStorage(),
		() => {}
	);
}

/** The three reads, each a promise. One that fails rejects when awaited, as the read itself would. */
export interface TrainerReads {
	settings: Promise<{ settings: Settings; setAside: boolean }>;
	/** Empty for a key other than the learner's own drill (`current`): only that one holds a form back. */
	checkLog: Promise<CheckLog>;
	/** The saved drill's record as stored (null when there is none); rejects when it cannot be read. */
	record: Promise<unknown>;
}

/**
 * The stored record under `key`, unchecked (null on a first visit, without loading storage's library: see
 * ./probe). Rejects when storage cannot be opened or read.
 */
export function readSavedRecord(key: SavedQuizKey): Promise<unknown> {
	const record = readOne('quiz', key);
	// A record to check: its checks are fetched now, beside the saved drill's scenarios, rather than after.
	record.then(
		(raw) => (raw === null ? undefined : savedQuizChecks().catch(() => {})),
		() => {}
	);
	return record;
}

/**
 * Starts the trainer's reads for `key`, all at once; `record`: the saved drill's record if its read was
 * started already (see `readSavedRecord`). A failure is kept for whoever awaits the read (the trainer then
 * says progress is not being saved), never reported as an unhandled rejection meanwhile.
 */
export function startTrainerReads(key: SavedQuizKey, record = readSavedRecord(key)): TrainerReads {
	const reads: TrainerReads = {
		// No settings stored: the defaults, with nothing to check or set aside.
		settings: readOne('settings', SETTINGS_KEY).then(async (raw) => {
			if (raw === null) return { settings: DEFAULT_SETTINGS, setAside: false };
			const checked = (await import('./settings-schema')).checkSettings(raw);
			if ('settings' in checked && !checked.migrated)
				return { settings: checked.settings, setAside: false };
			// To be migrated and written back, or set aside: by the storage code (see `settingsOf`).
			return (await trainerStorage()).settingsOf(raw);
		}),
		checkLog: key === 'current' ? readCheckLog() : Promise.resolve({}),
		record
	};
	for (const read of Object.values(reads)) (read as Promise<unknown>).catch(() => {});
	return reads;
}

/**
 * The saved drill in `record` (see `startTrainerReads`), checked against the bank as `loadSavedQuiz` does
 * (a record that does not fit, or could not be read, is set aside). No record: none, with nothing loaded;
 * a record that fits needs only its checks, so that a returning learner's drill is offered without waiting
 * for the storage code (fetched once a question is painted, to write).
 */
export async function readSavedQuiz(
	catalog: Catalog,
	key: SavedQuizKey,
	record: Promise<unknown>
): Promise<SavedQuiz> {
	const raw = await record.catch(() => undefined);
	if (raw === null) return { status: 'none' };
	if (raw !== undefined) {
		const checked = (await savedQuizChecks()).checkSavedQuiz(raw, catalog);
		if (checked.ok) return { status: 'ok', snapshot: checked.snapshot, savedAt: checked.savedAt };
	}
	// Unreadable or not fitting: set aside with its reason, by the storage code.
	return (await trainerStorage()).loadSavedQuiz(catalog, key, record);
}
