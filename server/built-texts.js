/**
 * The built server's table of the UI texts' files (see scripts/text-tables.ts): which file holds the texts
 * of each of the files every page loads first, in each locale, as the browser build recorded it. A page the
 * server renders as it is asked for (a live room's, opened from its QR code) asks for its language's at
 * once with it, as the prerendered pages do (src/lib/page-preloads.ts).
 *
 * The build copies this file and the table beside adapter-node's `index.js` and imports this file first
 * (see `adapter.js`). Without the table (the dev server), pages ask for nothing and fetch their texts as
 * their scripts run.
 */
import { readFileSync } from 'node:fs';

/** The table's file name, in the build folder beside this file. */
export const TEXT_TABLES_JSON = 'text-tables.json';

const KEY = Symbol.for('fraud-drill.text-tables');

/**
 * The table, or an empty one when it cannot be read.
 * @returns {Record<string, Record<string, string>>}
 */
function builtTextTables() {
	try {
		return JSON.parse(readFileSync(new URL(`./${TEXT_TABLES_JSON}`, import.meta.url), 'utf8'));
	} catch {
		return {};
	}
}

/** @type {Record<symbol, () => Record<string, Record<string, string>>>} */ (
	/** @type {unknown} */ (globalThis)
)[KEY] = builtTextTables;
