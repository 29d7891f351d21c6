/**
 * The scenario bank as the server sees it: the YAML under `questions/` is bundled at build time and checked
 * once. An invalid bank throws with every problem listed, which fails prerendering and so the build.
 *
 * Which files are scenarios is decided by the checker's one rule (`files.ts`): everything under
 * `questions/scenarios/` is bundled so that a `.yml` file or a file in a subfolder is reported, not silently
 * dropped or shipped. While building, the bank is also loaded from disk with the checker's own loader, which
 * sees what a bundler cannot (symbolic links, bytes that are not UTF-8), and the two must agree.
 *
 * The built server (`node build`) does not check the bank again at every start: it takes the bank this
 * build checked and prerendered as `bank.json`, handed over by the server entry (`server/built-bank.js`).
 */
import { building } from '$app/environment';
import {
	checkBank,
	formatProblem,
	type CheckOptions,
	type CheckResult,
	type SourceFile
} from '$lib/scenarios/check';
import { loadBankFromDisk } from '$lib/scenarios/disk';
import { scenarioFiles, SCENARIO_DIR } from '$lib/scenarios/files';
import type { Bank } from '$lib/scenarios/schema';

const bundled = {
	...import.meta.glob('/questions/*.yaml', { query: '?raw', import: 'default', eager: true }),
	...import.meta.glob('/questions/scenarios/**/*', {
		query: '?raw',
		import: 'default',
		eager: true
	})
} as Record<string, string>;

const PREFIX = `/questions/${SCENARIO_DIR}/`;

function invalid(result: CheckResult): Error {
	return new Error(
		`The scenario bank is invalid:\n${(result.ok ? [] : result.problems).map(formatProblem).join('\n')}`
	);
}

/**
 * Checks a bank given as bundled files (`/questions/…` path → text). Throws, listing every problem, when the
 * bank is invalid.
 */
export function bankFromFiles(raw: Record<string, string>, options: CheckOptions = {}): Bank {
	const file = (path: string): SourceFile => ({
		path: `questions/${path}`,
		text: raw[`/questions/${path}`] ?? ''
	});
	const scenarios = scenarioFiles(
		Object.keys(raw)
			.filter((p) => p.startsWith(PREFIX))
			.map((p) => ({
				path: p.slice(1),
				name: p.slice(PREFIX.length),
				kind: 'file' as const,
				content: raw[p] ?? ''
			}))
	);
	const result = checkBank(
		{
			redFlags: file('red-flags.yaml'),
			lures: file('lures.yaml'),
			cases: file('cases.yaml'),
			sources: file('sources.yaml'),
			cues: file('cues.yaml'),
			forms: raw['/questions/forms.yaml'] === undefined ? undefined : file('forms.yaml'),
			scenarios: scenarios.files,
			problems: scenarios.problems
		},
		options
	);
	if (!result.ok) throw invalid(result);
	return result.bank;
}

/** While building: the disk holds exactly the bundled bank, and it passes the checker's file rules. */
function checkAgainstDisk(bank: Bank): void {
	const disk = loadBankFromDisk('questions');
	if (!disk.ok) throw invalid(disk);
	if (JSON.stringify(disk.bank) === JSON.stringify(bank)) return;
	const shown = new Map(bank.scenarios.map((s) => [s.id, JSON.stringify(s)]));
	const onDisk = new Map(disk.bank.scenarios.map((s) => [s.id, JSON.stringify(s)]));
	const differ = [...new Set([...shown.keys(), ...onDisk.keys()])].filter(
		(id) => shown.get(id) !== onDisk.get(id)
	);
	throw new Error(
		`The scenario bank is invalid: the bundled files differ from questions/ on disk (${differ.length ? `scenarios: ${differ.join(', ')}` : 'the taxonomy'}); was a file changed during the build?`
	);
}

/** The checked bank frozen as the checker freezes it: an accidental mutation throws. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

/** Where the server entry (`server/built-bank.js`) puts its reader of the build's `bank.json`. */
export const BUILT_BANK = Symbol.for('fraud-drill.built-bank');

/** The global object as the server entry leaves it: a reader of the build's `bank.json` text. */
type BuiltBankSlot = { [key: symbol]: (() => string | undefined) | undefined };

/**
 * In the built server: the bank this build checked (its prerendered `bank.json`, read by the server
 * entry), or undefined where there is none (the dev server, `vite preview`, prerendering itself).
 */
export function builtBank(slot: BuiltBankSlot = globalThis as BuiltBankSlot): Bank | undefined {
	const read = slot[BUILT_BANK];
	if (!read) return undefined;
	const text = read();
	if (text === undefined) {
		// The build writes it; without it the server is still right, only slower to start.
		console.warn('prerendered/bank.json is missing from the build: checking the bundled scenarios');
		return undefined;
	}
	try {
		return deepFreeze(JSON.parse(text) as Bank);
	} catch (error) {
		throw new Error(`prerendered/bank.json of this build is damaged: ${String(error)}`, {
			cause: error
		});
	}
}

let cached: Bank | undefined;

/** The shipped, checked bank; throws on an invalid bank so that a broken build never ships. */
export function getBank(): Bank {
	if (!cached) {
		const built = building ? undefined : builtBank();
		if (built) return (cached = built);
		const bank = bankFromFiles(bundled);
		if (building) checkAgainstDisk(bank);
		cached = bank;
	}
	return cached;
}
