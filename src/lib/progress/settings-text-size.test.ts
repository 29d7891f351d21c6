/**
 * The "Larger text" setting (settings version 3) on a real IndexedDB implementation (fake-indexeddb):
 * version 2 records gain it switched off, the start-up read migrates in memory only, and imports of older
 * files carry it over.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { store } from './db';
import { quarantined } from './quarantine';
import {
	DEFAULT_SETTINGS,
	readDisplaySettings,
	readLocaleSetting,
	readSettings,
	updateSettings
} from './settings';
import { migrateSettings } from './settings-schema';

afterEach(async () => {
	for (const name of ['settings', 'quarantine'] as const) await (await store(name)).clear();
});

describe('larger text setting', () => {
	it('is off by default', async () => {
		expect(DEFAULT_SETTINGS.largerText).toBe(false);
		expect(await readDisplaySettings()).toEqual({ locale: null, largerText: false });
	});

	it('migrates a version 2 record to version 3 with larger text off, keeping pace and language', async () => {
		const db = await store('settings');
		await db.setItem('settings', { v: 2, scriptPace: 'whole', locale: 'zh-CN' });
		const expected = { v: 3, scriptPace: 'whole', locale: 'zh-CN', largerText: false };
		expect(await readSettings()).toEqual({ settings: expected, setAside: false });
		expect(await db.getItem('settings')).toEqual(expected);
		expect(await quarantined()).toEqual([]);
	});

	it('reads the language and text size of a version 2 record at start-up without writing it', async () => {
		const db = await store('settings');
		const v2 = { v: 2, scriptPace: 'message', locale: 'en' };
		await db.setItem('settings', v2);
		expect(await readLocaleSetting()).toBe('en');
		expect(await readDisplaySettings()).toEqual({ locale: 'en', largerText: false });
		expect(await db.getItem('settings')).toEqual(v2);
	});

	it('is kept when changed, and changing it keeps the other settings', async () => {
		await updateSettings({ locale: 'zh-CN' });
		await updateSettings({ largerText: true });
		expect((await readSettings()).settings).toEqual({
			v: 3,
			scriptPace: 'message',
			locale: 'zh-CN',
			largerText: true
		});
		expect(await readDisplaySettings()).toEqual({ locale: 'zh-CN', largerText: true });
	});

	it('sets aside a record whose larger-text field is not a yes/no, naming the field', async () => {
		const db = await store('settings');
		await db.setItem('settings', { v: 3, scriptPace: 'whole', locale: null, largerText: 'yes' });
		expect(await readSettings()).toEqual({ settings: DEFAULT_SETTINGS, setAside: true });
		expect((await quarantined()).map((r) => r.reason)).toEqual(['settings-damaged:largerText']);
	});

	it('migrates version 1 and 2 settings found in an imported file', () => {
		expect(migrateSettings({ v: 2, scriptPace: 'whole', locale: null })).toEqual({
			v: 3,
			scriptPace: 'whole',
			locale: null,
			largerText: false
		});
		expect(
			migrateSettings({ v: 2, scriptPace: 'whole', locale: null, largerText: true })
		).toBeNull();
	});
});
