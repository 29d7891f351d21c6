/**
 * The learner's settings: small, versioned, validated when read; an older version is migrated, a damaged
 * record is set aside and the defaults are used. The defaults and the display settings every page reads
 * as it starts are in ./settings-start, which loads none of this.
 */
import { readOne } from './bulk';
import { store } from './db';
import { setAside } from './quarantine';
import { DEFAULT_SETTINGS, SETTINGS_KEY, SETTINGS_VERSION, type Settings } from './settings-start';

export {
	DEFAULT_SETTINGS,
	readDisplaySettings,
	readLocaleSetting,
	SETTINGS_VERSION,
	type Settings
} from './settings-start';

/** The checks of a stored record, loaded when there is one (a first visit has none). */
const checks = () => import('./settings-schema');

/**
 * Reads the settings; missing means defaults, older means migrated (and written back), damaged means set
 * aside and defaults.
 */
export async function readSettings(): Promise<{ settings: Settings; setAside: boolean }> {
	// Read straight from IndexedDB: storage's library loads only to write (see ./bulk).
	return settingsOf(await readOne('settings', SETTINGS_KEY));
}

/**
 * The settings in the stored record `raw` as `readSettings` reads it (null: none stored): an older record is
 * migrated and written back, a damaged one set aside.
 */
export async function settingsOf(raw: unknown): Promise<{ settings: Settings; setAside: boolean }> {
	if (raw === null) return { settings: DEFAULT_SETTINGS, setAside: false };
	const checked = (await checks()).checkSettings(raw);
	if ('reason' in checked) {
		await setAside('settings', SETTINGS_KEY, raw, checked.reason);
		return { settings: DEFAULT_SETTINGS, setAside: true };
	}
	if (checked.migrated) await (await store('settings')).setItem(SETTINGS_KEY, checked.settings);
	return { settings: checked.settings, setAside: false };
}

export async function writeSettings(settings: Settings): Promise<void> {
	const db = await store('settings');
	await db.setItem(SETTINGS_KEY, (await checks()).validSettings(settings));
}

/**
 * Changes some settings and keeps the rest as stored, so that two pages changing different settings
 * (the script pace, the language) never undo each other.
 */
export async function updateSettings(patch: Partial<Omit<Settings, 'v'>>): Promise<Settings> {
	const { settings } = await readSettings();
	const next = { ...settings, ...patch, v: SETTINGS_VERSION } as Settings;
	await writeSettings(next);
	return next;
}
