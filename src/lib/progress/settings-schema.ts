/**
 * The checks of a stored settings record: the schema of each version, and the migration of an older one.
 * Loaded only when there is a record to check or to write (see ./settings, ./settings-start), so that a page whose learner
 * has no settings stored yet, as on a first visit, loads no validation library before its first screen.
 */
import * as v from 'valibot';
import { reasonCode } from './reasons';
import { SETTINGS_VERSION, type Settings } from './settings-start';

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
 * A stored record checked: valid settings (`migrated` when they came from an older version, to be written
 * back), or the reason to set the record aside, naming the field that is wrong by the rules of the
 * record's own version.
 */
export function checkSettings(
	raw: unknown
): { settings: Settings; migrated: boolean } | { reason: string } {
	const parsed = v.safeParse(SettingsSchema, raw);
	if (parsed.success) return { settings: parsed.output, migrated: false };
	const migrated = migrateSettings(raw);
	if (migrated) return { settings: migrated, migrated: true };
	const version = typeof raw === 'object' && raw && 'v' in raw ? raw.v : undefined;
	const issues =
		version === 1
			? v.safeParse(SettingsV1Schema, raw).issues
			: version === 2
				? v.safeParse(SettingsV2Schema, raw).issues
				: parsed.issues;
	return {
		reason:
			typeof version === 'number' && version > SETTINGS_VERSION
				? reasonCode('settings-newer', String(version))
				: reasonCode('settings-damaged', (issues && v.getDotPath(issues[0])) ?? 'record')
	};
}

/** The settings as they may be written: the current version, whole (throws otherwise). */
export function validSettings(settings: Settings): Settings {
	return v.parse(SettingsSchema, settings);
}
