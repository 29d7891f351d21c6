/**
 * What of the learner's settings a page needs as it starts: their defaults, and the settings every page
 * applies (language, text size), read without side effects. Apart from the rest of ./settings (which sets
 * a damaged record aside and writes), so that a page whose learner has stored no settings, as on a first
 * visit, loads nothing more of storage's code before its first screen: the checks of a stored record load
 * only when there is one.
 */
import type * as v from 'valibot';
import { readOne } from './probe';
import type { SettingsSchema } from './settings-schema';

export const SETTINGS_VERSION = 3;
/** The settings' key in their store. */
export const SETTINGS_KEY = 'settings';

/** The learner's settings, as the current version of the record holds them. */
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
	v: SETTINGS_VERSION,
	scriptPace: 'message',
	locale: null,
	largerText: false
};

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
	const raw = await readOne('settings', SETTINGS_KEY);
	const settings =
		(raw === null ? null : (await import('./settings-schema')).migrateSettings(raw)) ??
		DEFAULT_SETTINGS;
	return { locale: settings.locale, largerText: settings.largerText };
}
