/**
 * The learner's settings: small, versioned, validated when read; a damaged record is set aside and the
 * defaults are used.
 */
import * as v from 'valibot';
import { store } from './db';
import { setAside } from './quarantine';

export const SETTINGS_VERSION = 1;
const KEY = 'settings';

export const SettingsSchema = v.strictObject({
	v: v.literal(SETTINGS_VERSION),
	/** Unfold scripts message by message (as they arrive on a phone) or show each one whole. */
	scriptPace: v.picklist(['message', 'whole'])
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { v: SETTINGS_VERSION, scriptPace: 'message' };

/** Reads the settings; missing means defaults, damaged means set aside and defaults. */
export async function readSettings(): Promise<{ settings: Settings; setAside: boolean }> {
	const db = await store('settings');
	const raw = await db.getItem<unknown>(KEY);
	if (raw === null) return { settings: DEFAULT_SETTINGS, setAside: false };
	const parsed = v.safeParse(SettingsSchema, raw);
	if (parsed.success) return { settings: parsed.output, setAside: false };
	const version = typeof raw === 'object' && raw && 'v' in raw ? raw.v : undefined;
	const reason =
		typeof version === 'number' && version > SETTINGS_VERSION
			? `settings from a newer version (v${version})`
			: `damaged settings (${v.getDotPath(parsed.issues[0]) ?? 'record'})`;
	await setAside('settings', KEY, raw, reason);
	return { settings: DEFAULT_SETTINGS, setAside: true };
}

export async function writeSettings(settings: Settings): Promise<void> {
	await (await store('settings')).setItem(KEY, v.parse(SettingsSchema, settings));
}
