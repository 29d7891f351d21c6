/**
 * Records that cannot be read back (corrupt, foreign, from another version, or no longer fitting the bank)
 * are moved here with the reason, never silently dropped, so they can be exported or inspected later.
 */
import { store, type StoreName } from './db';
import { reasonCode } from './reasons';

export interface QuarantinedRecord {
	v: 1;
	from: StoreName;
	key: string;
	reason: string;
	at: number;
	value: unknown;
}

let counter = 0;

/** Moves a record aside: writes it to the quarantine store, then removes it from its own store. */
export async function setAside(
	from: StoreName,
	key: string,
	value: unknown,
	reason: string,
	at = Date.now()
): Promise<void> {
	const record: QuarantinedRecord = { v: 1, from, key, reason, at, value };
	const quarantine = await store('quarantine');
	// Two records can be set aside in the same millisecond under the same key; never overwrite one.
	const id = `${at}:${from}:${key}:${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	try {
		await quarantine.setItem(id, record);
	} catch {
		// The value itself may not be storable again (e.g. not cloneable); keep its text form instead.
		await quarantine.setItem(id, { ...record, value: String(value) });
	}
	await (await store(from)).removeItem(key);
}

function isRecord(value: unknown): value is QuarantinedRecord {
	if (typeof value !== 'object' || value === null) return false;
	const r = value as Record<string, unknown>;
	return (
		r.v === 1 &&
		typeof r.from === 'string' &&
		typeof r.key === 'string' &&
		typeof r.reason === 'string' &&
		typeof r.at === 'number'
	);
}

/**
 * Every quarantined record, oldest first. Anything else found in the quarantine store is itself damaged;
 * it is kept, wrapped as a record of its own, since this store is the last place data can go.
 */
export async function quarantined(): Promise<QuarantinedRecord[]> {
	const out: QuarantinedRecord[] = [];
	const db = await store('quarantine');
	await db.iterate<unknown, void>((value, key) => {
		out.push(
			isRecord(value)
				? value
				: {
						v: 1,
						from: 'quarantine',
						key,
						reason: reasonCode('quarantine-unrecognised'),
						at: 0,
						value
					}
		);
	});
	return out.sort((a, b) => a.at - b.at);
}

/** Deletes every set-aside record (once exported, or when the learner decides they are not needed). */
export async function clearQuarantine(): Promise<void> {
	await (await store('quarantine')).clear();
}
