/**
 * The learner's settings: small, versioned, validated when read; an older version is migrated, a damaged
 * record is set aside and the defaults are used.
 */
import * as v from 'valibot';
import { store } from './db';
import { setAside } from './quarantine';
import { reasonCode } from './reasons';

export const SETTINGS_VERSION = 3;
const KEY = 'settings';

/** Version 1: only the script pace. */
const SettingsV1Schema = v.strictObject({
	v: v.literal(1),
	scriptPace: v.picklist(['message', 'whole'])
});

/** Version 2: the script pace and the chosen language. */
const SettingsV2Schema = v.strictObject({
	v: v.literal(2),
	scriptPace: v.picklist(['message', 'whole']),
	locale: v.nullable(v.picklist(['en', 'zh-CN']))
});

export const SettingsSchema = v.strictObject({
	v: v.literal(SETTINGS_VERSION),
	/** Unfold scripts message by message (as they arrive on a phone) or show each one whole. */
	scriptPace: v.picklist(['message', 'whole']),
	/** The UI language the learner chose; null follows the browser's preference. */
	locale: v.nullable(v.picklist(['en', 'zh-CN'])),
	/** Larger text for readers who need it, on top of the browser's own default font size. */
	largerText: v.boolean()
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
	v: SETTINGS_VERSION,
	scriptPace: 'message',
	locale: null,
	largerText: false
};

/** Settings as a file may carry them: the current version or an older one (see `migrateSettings`). */
export const AnySettingsSchema = v.union([SettingsSchema, SettingsV2Schema, SettingsV1Schema]);

/** Settings of an older version, brought up to the current one; null when the record is not one. */
export function migrateSettings(raw: unknown): Settings | null {
	const current = v.safeParse(SettingsSchema, raw);
	if (current.success) return current.output;
	// Version 2 had no text size: the browser's default size, as before.
	const v2 = v.safeParse(SettingsV2Schema, raw);
	if (v2.success) return { ...v2.output, v: SETTINGS_VERSION, largerText: false };
	const v1 = v.safeParse(SettingsV1Schema, raw);
	// Version 1 had no language: follow the browser's preference until the learner picks one.
	if (v1.success)
		return {
			v: SETTINGS_VERSION,
			scriptPace: v1.output.scriptPace,
			locale: null,
			largerText: false
		};
	return null;
}

/**
 * Reads the settings; missing means defaults, older means migrated (and written back), damaged means set
 * aside and defaults.
 */
export async function readSettings(): Promise<{ settings: Settings; setAside: boolean }> {
	const db = await store('settings');
	const raw = await db.getItem<unknown>(KEY);
	if (raw === null) return { settings: DEFAULT_SETTINGS, setAside: false };
	const parsed = v.safeParse(SettingsSchema, raw);
	if (parsed.success) return { settings: parsed.output, setAside: false };
	const migrated = migrateSettings(raw);
	if (migrated) {
		await db.setItem(KEY, migrated);
		return { settings: migrated, setAside: false };
	}
	const version = typeof raw === 'object' && raw && 'v' in raw ? raw.v : undefined;
	// Name the field that is wrong by the rules of the record's own version.
	const issues =
		version === 1
			? v.safeParse(SettingsV1Schema, raw).issues
			: version === 2
				? v.safeParse(SettingsV2Schema, raw).issues
				: parsed.issues;
	const reason =
		typeof version === 'number' && version > SETTINGS_VERSION
			? reasonCode('settings-newer', String(version))
			: reasonCode('settings-damaged', (issues && v.getDotPath(issues[0])) ?? 'record');
	await setAside('settings', KEY, raw, reason);
	return { settings: DEFAULT_SETTINGS, setAside: true };
}

export async function writeSettings(settings: Settings): Promise<void> {
	await (await store('settings')).setItem(KEY, v.parse(SettingsSchema, settings));
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
	const raw = await (await store('settings')).getItem<unknown>(KEY);
	const settings = migrateSettings(raw) ?? DEFAULT_SETTINGS;
	return { locale: settings.locale, largerText: settings.largerText };
}
