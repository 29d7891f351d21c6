/**
 * The built server's scenario bank: the one this build checked and wrote to `prerendered/bank.json` (the
 * same file learners' browsers fetch), read as it is instead of parsing and checking the bundled YAML again
 * at every start (about a second of CPU). The build refuses an invalid bank, naming file and field, before
 * this file exists, so what it holds has passed the checker.
 *
 * The build copies this file into `build/` beside adapter-node's `index.js` and imports it first (see
 * `adapter.js`); the app's bank module (`src/lib/server/bank.ts`) asks for it and checks the bundled YAML
 * itself when it is not there (the dev server, `vite preview`, the build's own prerendering).
 */
import { readFileSync } from 'node:fs';

const KEY = Symbol.for('fraud-drill.built-bank');

/**
 * The build's bank as JSON text, or undefined when the file cannot be read.
 * @returns {string | undefined}
 */
function builtBankText() {
	try {
		return readFileSync(new URL('./prerendered/bank.json', import.meta.url), 'utf8');
	} catch {
		return undefined;
	}
}

/** @type {Record<symbol, () => string | undefined>} */ (/** @type {unknown} */ (globalThis))[KEY] =
	builtBankText;
