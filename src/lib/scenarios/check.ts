/**
 * Loading and checking the scenario bank. Pure: it takes file names and their text, so the same code runs
 * in the `questions:check` command, in the build (which refuses an invalid bank) and in unit tests.
 */
import * as v from 'valibot';
import { parseDocument } from 'yaml';
import {
	CaseListSchema,
	LureListSchema,
	RedFlagListSchema,
	ScenarioSchema,
	STAGES,
	type Bank,
	type Scenario
} from './schema';

/** A file as read from disk (or from a bundler): its path relative to the project and its text. */
export interface SourceFile {
	path: string;
	text: string;
}

/** The files that make up a bank. */
export interface BankFiles {
	redFlags: SourceFile;
	lures: SourceFile;
	cases: SourceFile;
	scenarios: readonly SourceFile[];
}

/** One thing wrong with one field of one file. `path` is a field path such as `steps[2].flags[0]`. */
export interface Problem {
	file: string;
	path: string;
	message: string;
}

export type CheckResult = { ok: true; bank: Bank } | { ok: false; problems: Problem[] };

/** Formats a problem the way authors read it: `file: field: reason`. */
export function formatProblem(p: Problem): string {
	return `${p.file}: ${p.path || '(file)'}: ${p.message}`;
}

/** Turns a valibot issue path into `steps[2].flags[0]`. */
function fieldPath(issue: v.BaseIssue<unknown>): string {
	let out = '';
	for (const item of issue.path ?? []) {
		const key = item.key;
		if (typeof key === 'number') out += `[${key}]`;
		else out += out ? `.${String(key)}` : String(key);
	}
	return out;
}

/** A strict-object issue names the unknown key only in its path; say so in words too. */
function issueMessage(issue: v.BaseIssue<unknown>): string {
	if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.expected === 'never') {
		return 'unknown field (check its spelling against questions/README.md)';
	}
	if (issue.type === 'strict_object' || issue.type === 'object') {
		if (issue.received === 'undefined') return 'is required';
		return 'must be a mapping of fields';
	}
	if (issue.received === 'undefined' && issue.kind === 'schema') return 'is required';
	return issue.message;
}

/** Parses YAML; syntax errors become problems with line and column. */
function parseYaml(file: SourceFile, problems: Problem[]): unknown {
	const doc = parseDocument(file.text, { uniqueKeys: true });
	if (doc.errors.length > 0) {
		for (const err of doc.errors) {
			const pos = err.linePos?.[0];
			problems.push({
				file: file.path,
				path: pos ? `line ${pos.line}, column ${pos.col}` : '',
				message: `invalid YAML: ${err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`
			});
		}
		return undefined;
	}
	return doc.toJS();
}

/** Validates one file against a schema; every issue becomes a problem. */
function validate<S extends v.GenericSchema>(
	schema: S,
	file: SourceFile,
	problems: Problem[]
): v.InferOutput<S> | undefined {
	const raw = parseYaml(file, problems);
	if (raw === undefined && problems.some((p) => p.file === file.path)) return undefined;
	const result = v.safeParse(schema, raw);
	if (result.success) return result.output;
	for (const issue of result.issues) {
		problems.push({ file: file.path, path: fieldPath(issue), message: issueMessage(issue) });
	}
	return undefined;
}

/** Reports entries of a list whose id repeats an earlier one. */
function checkUniqueIds(
	entries: readonly { id: string | number }[],
	file: string,
	problems: Problem[]
): void {
	const seen = new Set<string | number>();
	entries.forEach((entry, i) => {
		if (seen.has(entry.id))
			problems.push({ file, path: `[${i}].id`, message: `duplicate id "${entry.id}"` });
		seen.add(entry.id);
	});
}

function baseName(path: string): string {
	const name = path.split('/').pop() ?? path;
	return name.replace(/\.ya?ml$/, '');
}

/** Cross-checks one valid scenario against the taxonomies and the bank's rules. */
function crossCheck(
	s: Scenario,
	file: string,
	refs: { flags: Map<string, boolean>; lures: Set<string>; cases: Set<number> },
	problems: Problem[]
): void {
	const add = (path: string, message: string) => problems.push({ file, path, message });

	if (baseName(file) !== s.id) add('id', `must match the file name ("${baseName(file)}")`);
	if (!refs.lures.has(s.lure))
		add('lure', `unknown lure type "${s.lure}" (see questions/lures.yaml)`);
	if (s.case !== null && !refs.cases.has(s.case))
		add('case', `unknown seed case ${s.case} (see questions/cases.yaml)`);

	let anyFlag = false;
	let anyDecisive = false;
	let lastStage = 0;
	s.steps.forEach((step, i) => {
		const at = `steps[${i}]`;
		if (!s.channels.includes(step.channel))
			add(`${at}.channel`, `"${step.channel}" is not listed in the scenario's channels`);
		if (step.from !== 'you' && step.from !== 'system' && !step.speaker)
			add(`${at}.speaker`, `is required when from is "${step.from}"`);
		if (step.from === 'you' && step.flags.length > 0)
			add(`${at}.flags`, "the learner's own lines cannot carry red flags");
		step.flags.forEach((flag, j) => {
			const decisive = refs.flags.get(flag);
			if (decisive === undefined) {
				add(`${at}.flags[${j}]`, `unknown red flag "${flag}" (see questions/red-flags.yaml)`);
				return;
			}
			anyFlag = true;
			if (decisive) {
				anyDecisive = true;
				if (s.verdict === 'legitimate')
					add(
						`${at}.flags[${j}]`,
						`a legitimate scenario cannot show the decisive red flag "${flag}"`
					);
			}
		});
		const stage = STAGES.indexOf(step.stage);
		if (stage < lastStage)
			add(
				`${at}.stage`,
				`funnel stage goes backwards ("${step.stage}" after "${STAGES[lastStage]}")`
			);
		lastStage = Math.max(lastStage, stage);
	});

	s.channels.forEach((channel, i) => {
		if (!s.steps.some((step) => step.channel === channel))
			add(`channels[${i}]`, `"${channel}" is listed but no step uses it`);
	});

	if (s.verdict === 'scam') {
		if (!anyFlag) add('steps', 'a scam must show at least one red flag');
		else if (!anyDecisive)
			add(
				'steps',
				'a scam must show at least one decisive red flag (where the learner should stop)'
			);
	}

	const decisionIds = new Set<string>();
	s.decisions.forEach((d, i) => {
		const at = `decisions[${i}]`;
		if (decisionIds.has(d.id)) add(`${at}.id`, `duplicate decision id "${d.id}"`);
		decisionIds.add(d.id);
		if (d.after_step < 1 || d.after_step > s.steps.length)
			add(`${at}.after_step`, `must be a step number from 1 to ${s.steps.length}`);
		if (!d.options.some((o) => o.safe)) add(`${at}.options`, 'must have at least one safe option');
		if (d.options.every((o) => o.safe))
			add(`${at}.options`, 'must have at least one unsafe option, or it is not a decision');
	});
}

/**
 * Checks a whole bank: every file against its schema, then every cross-reference and rule.
 * Reports every problem in every file, not only the first, so an author can fix them in one pass.
 */
export function checkBank(files: BankFiles): CheckResult {
	const problems: Problem[] = [];
	const redFlags = validate(RedFlagListSchema, files.redFlags, problems);
	const lures = validate(LureListSchema, files.lures, problems);
	const cases = validate(CaseListSchema, files.cases, problems);
	if (redFlags) checkUniqueIds(redFlags, files.redFlags.path, problems);
	if (lures) checkUniqueIds(lures, files.lures.path, problems);
	if (cases) checkUniqueIds(cases, files.cases.path, problems);

	if (files.scenarios.length === 0)
		problems.push({ file: 'questions/scenarios', path: '', message: 'no scenario files found' });

	const refs = {
		flags: new Map((redFlags ?? []).map((f) => [f.id, f.decisive])),
		lures: new Set((lures ?? []).map((l) => l.id)),
		cases: new Set((cases ?? []).map((c) => c.id))
	};
	const scenarios: Scenario[] = [];
	const owner = new Map<string, string>();
	const sorted = [...files.scenarios].sort((a, b) => a.path.localeCompare(b.path));
	for (const file of sorted) {
		const s = validate(ScenarioSchema, file, problems);
		if (!s) continue;
		const first = owner.get(s.id);
		if (first) {
			problems.push({
				file: file.path,
				path: 'id',
				message: `duplicate id "${s.id}" (also in ${first})`
			});
			continue;
		}
		owner.set(s.id, file.path);
		// Taxonomy problems are already reported; cross-checking against a broken taxonomy adds only noise.
		if (redFlags && lures && cases) crossCheck(s, file.path, refs, problems);
		scenarios.push(s);
	}

	if (problems.length > 0 || !redFlags || !lures || !cases) return { ok: false, problems };
	return { ok: true, bank: deepFreeze({ redFlags, lures, cases, scenarios }) };
}

/** The bank is shared by every quiz; freezing it turns an accidental mutation into an error. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}
