/**
 * Reads a scenario bank from a folder on disk (Node only: the checker command, the build and tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkBank, type CheckResult, type SourceFile } from './check';

function read(path: string): SourceFile {
	let text = '';
	try {
		text = readFileSync(path, 'utf8');
	} catch {
		// A missing taxonomy file is reported by the schema as an empty document.
	}
	// Paths inside the project are shown relative to it, as authors know them; others stay absolute.
	const rel = relative(process.cwd(), path);
	return { path: rel && !rel.startsWith('..') ? rel : resolve(path), text };
}

/** Loads and checks `dir/red-flags.yaml`, `dir/lures.yaml`, `dir/cases.yaml` and `dir/scenarios/*.yaml`. */
export function loadBankFromDisk(dir: string): CheckResult {
	let names: string[];
	try {
		names = readdirSync(join(dir, 'scenarios')).filter((n) => /\.ya?ml$/.test(n));
	} catch {
		names = [];
	}
	return checkBank({
		redFlags: read(join(dir, 'red-flags.yaml')),
		lures: read(join(dir, 'lures.yaml')),
		cases: read(join(dir, 'cases.yaml')),
		scenarios: names.sort().map((n) => read(join(dir, 'scenarios', n)))
	});
}
