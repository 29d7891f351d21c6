/**
 * Records that cannot be read back (corrupt, foreign, from another version, or no longer fitting the bank)
 * are moved here with the reason, never silently dropped, so they can be exported or inspected later.
 */
import { store, type StoreName } from './db';

export interface QuarantinedRecord {
	v: 1;
	from: StoreName;
	key: string;
	reason: string;
	at: number;
	value: unknown;
}

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
	try {
		await quarantine.setItem(`${at}:${from}:${key}`, record);
	} catch {
		// The value itself may not be storable again (e.g. not cloneable); keep its text form instead.
		await quarantine.setItem(`${at}:${from}:${key}`, { ...record, value: String(value) });
	}
	await (await store(from)).removeItem(key);
}

/** Every quarantined record, oldest first. */
export async function quarantined(): Promise<QuarantinedRecord[]> {
	const out: QuarantinedRecord[] = [];
	await (
		await store('quarantine')
	).iterate<QuarantinedRecord, void>((value) => {
		out.push(value);
	});
	return out.sort((a, b) => a.at - b.at);
}
