/**
 * Which files make up a scenario bank, and whether their bytes can be read: one rule and one decoder, used
 * by the `questions:check` command (files on disk) and by the build (the same files, bundled). Pure: the
 * callers list the files and hand over their bytes.
 */
import type { Problem, SourceFile } from './check';

/** Largest scenario file accepted: a script of 12 steps in two languages fits in a tenth of it. */
export const MAX_SCENARIO_BYTES = 64 * 1024;
/** Largest taxonomy file (red flags, lure types, cases, sources, cue words) accepted. */
export const MAX_TAXONOMY_BYTES = 256 * 1024;

/** The folder every scenario file sits in, directly. */
export const SCENARIO_DIR = 'scenarios';

/** What a directory entry is, as `lstat` sees it: a symlink is never followed. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/** One entry found under the scenario folder, with its bytes when it is a regular file. */
export interface RawEntry {
	/** Path as authors know it, e.g. `questions/scenarios/x.yaml`. */
	path: string;
	/** Path relative to the scenario folder, with `/` separators, e.g. `x.yaml` or `old/x.yaml`. */
	name: string;
	kind: EntryKind;
	/** The file's bytes (or its text, when a bundler has already decoded it). */
	content?: Uint8Array | string;
	/** Size in bytes when known without reading the file. */
	size?: number;
}

/**
 * The one rule for scenario files: a regular file named `<id>.yaml`, directly in `questions/scenarios/`.
 * Returns why an entry breaks the rule, or null when it is a scenario file.
 */
export function scenarioEntryProblem(name: string, kind: EntryKind): string | null {
	if (kind === 'symlink')
		return 'is a symbolic link; a scenario must be a regular file in questions/scenarios/';
	if (kind === 'directory')
		return 'is a folder; scenarios must sit directly in questions/scenarios/';
	if (kind === 'other') return 'is not a regular file; a scenario must be a regular .yaml file';
	if (name.includes('/'))
		return 'is in a subfolder; scenario files must sit directly in questions/scenarios/';
	if (name.endsWith('.yml')) return 'has the extension .yml; name scenario files <id>.yaml';
	if (!name.endsWith('.yaml'))
		return 'is not a scenario file (<id>.yaml); move it out of questions/scenarios/';
	return null;
}

/** Formats a byte count for authors: `65,536 bytes (64 KiB)`. */
function bytes(n: number): string {
	const kib = n / 1024;
	return `${n.toLocaleString('en')} bytes${n >= 1024 ? ` (${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB)` : ''}`;
}

const utf8 = new TextEncoder();

/**
 * Decodes one file's content as UTF-8, refusing a file above `maxBytes` and any byte sequence that is not
 * UTF-8 (a GBK file would otherwise ship as mojibake). Returns the file or the problem.
 */
export function decodeFile(
	path: string,
	content: Uint8Array | string,
	maxBytes: number,
	knownSize?: number
): { file: SourceFile } | { problem: Problem } {
	const size =
		knownSize ?? (typeof content === 'string' ? utf8.encode(content).length : content.length);
	if (size > maxBytes)
		return {
			problem: {
				file: path,
				path: '',
				message: `is ${bytes(size)}; a file may be at most ${bytes(maxBytes)}`
			}
		};
	if (typeof content === 'string') return { file: { path, text: content } };
	try {
		return { file: { path, text: new TextDecoder('utf-8', { fatal: true }).decode(content) } };
	} catch {
		return {
			problem: {
				file: path,
				path: '',
				message: 'is not valid UTF-8 text (save it as UTF-8, not GBK or another encoding)'
			}
		};
	}
}

/**
 * Applies the scenario-file rule and the decoder to every entry found under the scenario folder. Entries
 * that break the rule are reported by name and never read; the others are decoded.
 */
export function scenarioFiles(entries: readonly RawEntry[]): {
	files: SourceFile[];
	problems: Problem[];
} {
	const files: SourceFile[] = [];
	const problems: Problem[] = [];
	for (const entry of [...entries].sort((a, b) => a.path.localeCompare(b.path))) {
		const rule = scenarioEntryProblem(entry.name, entry.kind);
		if (rule) {
			problems.push({ file: entry.path, path: '', message: rule });
			continue;
		}
		const decoded = decodeFile(entry.path, entry.content ?? '', MAX_SCENARIO_BYTES, entry.size);
		if ('file' in decoded) files.push(decoded.file);
		else problems.push(decoded.problem);
	}
	return { files, problems };
}
