/**
 * The learner's settings: small, versioned, validated when read; an older version is migrated, a damaged
 * record is set aside and the defaults are used.
 */
import type * as v from 'valibot';
import { readOne } from './bulk';
import { store } from './db';
import { setAside } from './quarantine';
import type { SettingsSchema } from './settings-schema';

export const SETTINGS_VERSION = 3;
const KEY = 'settings';

/** The checks of a stored record, loaded when there is one (a first visit has none). */
const checks = () => import('./settings-schema');

/** The learner's settings, as the current version of the record holds them. */
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
	v: SETTINGS_VERSION,
	scriptPace: 'message',
	locale: null,
	largerText: false
};

/**
 * Reads the settings; missing means defaults, older means migrated (and written back), damaged means set
 * aside and defaults.
 */
export async function readSettings(): Promise<{ settings: Settings; setAside: boolean }> {
	// Read straight from IndexedDB: storage's library loads only to write (see ./bulk).
	const raw = await readOne('settings', KEY);
	if (raw === null) return { settings: DEFAULT_SETTINGS, setAside: false };
	const checked = (await checks()).checkSettings(raw);
	if ('reason' in checked) {
		await setAside('settings', KEY, raw, checked.reason);
		return { settings: DEFAULT_SETTINGS, setAside: true };
	}
	if (checked.migrated) await (await store('settings')).setItem(KEY, checked.settings);
	return { settings: checked.settings, setAside: false };
}

export async function writeSettings(settings: Settings): Promise<void> {
	const db = await store('settings');
	await db.setItem(KEY, (await checks()).validSettings(settings));
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

/**
 * The UI language kept in the settings, read without side effects: every page reads this at start, so it
 * never migrates or sets anything aside (the page that uses the settings does that, once). Anything but
 * a valid current record means no choice was made.
 */
export async function readLocaleSetting(): Promise<Settings['locale']> {
	return (await readDisplaySettings()).locale;
}

/**
 * The settings every page applies at start (language, text size), read without side effects like
 * `readLocaleSetting`: an older record is migrated in memory only; anything else means the defaults.
 */
export async function readDisplaySettings(): Promise<Pick<Settings, 'locale' | 'largerText'>> {
	const raw = await readOne('settings', KEY);
	const settings =
		(raw === null ? null : (await checks()).migrateSettings(raw)) ?? DEFAULT_SETTINGS;
	return { locale: settings.locale, largerText: settings.largerText };
}
