/**
 * Reads a scenario bank from a folder on disk (Node only): the checker command, the build (which checks the
 * files it bundles against this), tests and benches. Which files are scenarios, and how their bytes are
 * decoded, is decided in `files.ts`, the same rule the build applies.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
	checkBank,
	type CheckOptions,
	type CheckResult,
	type Problem,
	type SourceFile
} from './check';
import {
	decodeFile,
	MAX_SCENARIO_BYTES,
	MAX_TAXONOMY_BYTES,
	SCENARIO_DIR,
	scenarioFiles,
	type EntryKind,
	type RawEntry
} from './files';

/** Paths inside the project are shown relative to it, as authors know them; others stay absolute. */
function shown(path: string): string {
	const rel = relative(process.cwd(), path);
	return rel && !rel.startsWith('..') ? rel : resolve(path);
}

function kindOf(stats: Stats): EntryKind {
	if (stats.isSymbolicLink()) return 'symlink';
	if (stats.isDirectory()) return 'directory';
	if (stats.isFile()) return 'file';
	return 'other';
}

/** Subfolders are listed this deep (their files are reported); a deeper folder is reported itself. */
const MAX_LISTING_DEPTH = 4;

/**
 * Every entry under `dir/scenarios`, seen with `lstat` (a symlink is reported, never followed), recursing
 * into subfolders so that each misplaced file is named. Regular files are read unless above the size cap.
 */
export function listScenarioEntries(dir: string): RawEntry[] {
	const root = join(dir, SCENARIO_DIR);
	const out: RawEntry[] = [];
	const walk = (folder: string, prefix: string, depth: number) => {
		let names: string[];
		try {
			names = readdirSync(folder);
		} catch {
			return;
		}
		for (const name of names.sort()) {
			const full = join(folder, name);
			const rel = prefix ? `${prefix}/${name}` : name;
			let stats: Stats;
			try {
				stats = lstatSync(full);
			} catch {
				continue;
			}
			const kind = kindOf(stats);
			if (kind === 'directory' && depth < MAX_LISTING_DEPTH) {
				walk(full, rel, depth + 1);
				continue;
			}
			const entry: RawEntry = { path: shown(full), name: rel, kind, size: stats.size };
			// A misplaced or oversized file is reported without reading it.
			if (kind === 'file' && !rel.includes('/') && stats.size <= MAX_SCENARIO_BYTES)
				entry.content = readFileSync(full);
			out.push(entry);
		}
	};
	walk(root, '', 0);
	return out;
}

/** Reads one taxonomy file; a missing one is reported by its schema as an empty document. */
function readTaxonomy(path: string, problems: Problem[]): SourceFile {
	let content: Uint8Array = new Uint8Array();
	try {
		content = readFileSync(path);
	} catch {
		// Missing: validated as an empty document, which names the file.
	}
	const decoded = decodeFile(shown(path), content, MAX_TAXONOMY_BYTES);
	if ('file' in decoded) return decoded.file;
	problems.push(decoded.problem);
	return { path: shown(path), text: '' };
}

/**
 * Loads and checks `dir/red-flags.yaml`, `lures.yaml`, `cases.yaml`, `sources.yaml`, `cues.yaml`, the
 * scenario files `dir/scenarios/*.yaml` and, when there is one, `forms.yaml`.
 */
export function loadBankFromDisk(dir: string, options: CheckOptions = {}): CheckResult {
	const problems: Problem[] = [];
	const taxonomy = {
		redFlags: readTaxonomy(join(dir, 'red-flags.yaml'), problems),
		lures: readTaxonomy(join(dir, 'lures.yaml'), problems),
		cases: readTaxonomy(join(dir, 'cases.yaml'), problems),
		sources: readTaxonomy(join(dir, 'sources.yaml'), problems),
		cues: readTaxonomy(join(dir, 'cues.yaml'), problems)
	};
	const scenarios = scenarioFiles(listScenarioEntries(dir));
	// The check forms are optional for a bank (a draft may have none); when present they are checked.
	const forms = existsSync(join(dir, 'forms.yaml'))
		? readTaxonomy(join(dir, 'forms.yaml'), problems)
		: undefined;
	return checkBank(
		{
			...taxonomy,
			scenarios: scenarios.files,
			forms,
			problems: [...problems, ...scenarios.problems]
		},
		options
	);
}
