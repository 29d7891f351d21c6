/**
 * What a trainer reads from storage as it opens: the settings, the check log and the saved drill's record,
 * started together instead of one after another. The drill page reads the record first, in its load
 * function (it fetches the saved drill's scenarios before the trainer checks the drill), and hands it over.
 * Only reads: whatever is set aside, and the checks of the saved drill against the bank, are done by the
 * trainer as before (`Trainer.open`, `loadSavedQuiz`).
 */
import { readOne } from './bulk';
import { readCheckLog, type CheckLog } from './checks';
import type { SavedQuizKey } from './saved-quiz';
import { readSettings, type Settings } from './settings';

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
 * ./bulk). Rejects when storage cannot be opened or read.
 */
export function readSavedRecord(key: SavedQuizKey): Promise<unknown> {
	return readOne('quiz', key);
}

/**
 * Starts the trainer's reads for `key`, all at once; `record`: the saved drill's record if its read was
 * started already (see `readSavedRecord`). A failure is kept for whoever awaits the read (the trainer then
 * says progress is not being saved), never reported as an unhandled rejection meanwhile.
 */
export function startTrainerReads(key: SavedQuizKey, record = readSavedRecord(key)): TrainerReads {
	const reads: TrainerReads = {
		settings: readSettings(),
		checkLog: key === 'current' ? readCheckLog() : Promise.resolve({}),
		record
	};
	for (const read of Object.values(reads)) (read as Promise<unknown>).catch(() => {});
	return reads;
}
