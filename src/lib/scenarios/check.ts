/**
 * Loading and checking the scenario bank. Pure: it takes file names and their text, so the same code runs
 * in the `questions:check` command, in the build (which refuses an invalid bank) and in unit tests.
 */
import * as v from 'valibot';
import { isCollection, isPair, parseDocument, type Node as YamlNode } from 'yaml';
import { auditCues, limitText, strategyName, type CueScore } from './cues';
import { generateQuestions } from './generate';
import {
	CaseListSchema,
	CueListsSchema,
	LureListSchema,
	PublisherListSchema,
	RedFlagListSchema,
	ScenarioSchema,
	STAGES,
	type Bank,
	type CueLists,
	type Publisher,
	type Scenario
} from './schema';
import { MAX_SCENARIO_BYTES, MAX_TAXONOMY_BYTES } from './files';
import { checkForms, parseForms, type CheckForm } from '$lib/checks/forms';

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
	/** `sources.yaml`: the publishers a scenario may cite. */
	sources: SourceFile;
	/** `cues.yaml`: the words the cue audit looks for. */
	cues: SourceFile;
	scenarios: readonly SourceFile[];
	/** `forms.yaml`: the matched check forms, when the bank has them. */
	forms?: SourceFile;
	/** Problems found while listing and reading the files (see `files.ts`), reported with the rest. */
	problems?: readonly Problem[];
}

/**
 * Bank-wide content rules. The checker command applies these to the shipped bank; tests pass smaller
 * figures for their small hand-made banks (`--draft` on the command drops the size rules).
 */
export interface BankRules {
	minScenarios: number;
	minLegitimate: number;
	minScamsPerCase: number;
	/** Largest share of scam steps not spoken by the learner that may carry a red flag (0–1). */
	maxFlaggedShare: number;
}

/** Messages a learner can pick by number key in "spot the red flags" and "where to stop". */
export const MAX_KEYED_MESSAGES = 9;

/** The rules the shipped bank must meet. */
export const BANK_RULES: BankRules = {
	minScenarios: 60,
	minLegitimate: 24,
	minScamsPerCase: 3,
	maxFlaggedShare: 0.6
};

/** The rules of a draft bank: the same content rules, without the bank-size targets. */
export const DRAFT_RULES: BankRules = {
	...BANK_RULES,
	minScenarios: 0,
	minLegitimate: 0,
	minScamsPerCase: 0
};

/** Deepest nesting of lists and mappings a file may have (a scenario needs 5). */
export const MAX_YAML_DEPTH = 16;
/** Most alias expansions a file may make (an "alias bomb" makes billions). */
export const MAX_YAML_ALIASES = 100;

/** Chinese coverage: text fields with Chinese over all text fields, per file and in total. */
export interface Coverage {
	fields: number;
	zh: number;
	/** 0–100, one decimal. */
	percent: number;
	files: Record<string, { fields: number; zh: number }>;
}

/** One thing wrong with one field of one file. `path` is a field path such as `steps[2].flags[0]`. */
export interface Problem {
	file: string;
	path: string;
	message: string;
}

/** What a check reports beside its verdict: Chinese coverage, and the cue audit when the files are valid. */
export interface CheckReport {
	coverage: Coverage;
	/** The cue audit, or null when the bank has file problems (its questions cannot be generated). */
	cues: CueScore[] | null;
}

/**
 * A failed check still carries the bank when every file is valid and only bank-wide rules or the cue audit
 * failed, so that its figures can be printed beside the problems.
 */
export type CheckResult = (
	{ ok: true; bank: Bank } | { ok: false; problems: Problem[]; bank?: Bank }
) &
	CheckReport;

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
	// A text field's missing language is named ("missing Chinese text"); other missing fields "are required".
	const key = issue.path?.at(-1)?.key;
	if (issue.received === 'undefined' && (key === 'zh' || key === 'en'))
		return key === 'zh' ? 'missing Chinese text' : 'missing English text';
	if (issue.received === 'undefined' && issue.kind === 'schema') return 'is required';
	if (
		(issue.type === 'strict_object' || issue.type === 'object') &&
		issue.message.startsWith('Invalid')
	)
		return 'must be a mapping of fields';
	return issue.message;
}

/**
 * Nesting a line starts before the YAML parser sees it: `- - - - x` nests one list per dash. The parser
 * runs out of memory on tens of thousands of them, so such a file is refused before it is parsed.
 */
function compactNesting(text: string): number {
	let deepest = 0;
	for (const line of text.split('\n')) {
		const lead = /^[ \t]*((?:[-?:][ \t]+)+)/.exec(line)?.[1];
		if (lead) deepest = Math.max(deepest, lead.replace(/[ \t]/g, '').length);
	}
	return deepest;
}

/** Depth of the deepest list or mapping in a parsed document, walked without recursion. */
function yamlDepth(root: unknown): number {
	let deepest = 0;
	const stack: [unknown, number][] = [[root, 0]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop() as [unknown, number];
		if (isCollection(node)) {
			deepest = Math.max(deepest, depth + 1);
			if (deepest > MAX_YAML_DEPTH) return deepest;
			for (const item of node.items as unknown[]) stack.push([item, depth + 1]);
		} else if (isPair(node)) {
			stack.push([node.key, depth], [node.value, depth]);
		}
	}
	return deepest;
}

/**
 * Parses YAML untrusted: refuses an oversized file, too deep nesting and too many alias expansions, and
 * never throws. Syntax errors become problems with line and column.
 */
function parseYaml(file: SourceFile, problems: Problem[], maxBytes: number): unknown {
	const add = (path: string, message: string) => problems.push({ file: file.path, path, message });
	const size = new TextEncoder().encode(file.text).length;
	if (size > maxBytes) {
		add(
			'',
			`is ${size.toLocaleString('en')} bytes; a file may be at most ${maxBytes.toLocaleString('en')} bytes`
		);
		return undefined;
	}
	if (compactNesting(file.text) > MAX_YAML_DEPTH) {
		add('', `nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep`);
		return undefined;
	}
	try {
		const doc = parseDocument(file.text, { uniqueKeys: true });
		if (doc.errors.some((err) => /Maximum call stack/.test(err.message))) {
			// The parser gave up deep inside; one problem says why, not one per level it unwound.
			add('', `nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep`);
			return undefined;
		}
		if (doc.errors.length > 0) {
			for (const err of doc.errors) {
				const pos = err.linePos?.[0];
				const first = err.message.split('\n')[0] ?? '';
				add(
					pos ? `line ${pos.line}, column ${pos.col}` : '',
					`invalid YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`
				);
			}
			return undefined;
		}
		if (yamlDepth(doc.contents as YamlNode | null) > MAX_YAML_DEPTH) {
			add('', `nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep`);
			return undefined;
		}
		return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
	} catch (err) {
		// yaml throws a ReferenceError for an alias bomb; anything else it throws is reported the same way.
		const message = err instanceof Error ? err.message : String(err);
		add(
			'',
			/alias/i.test(message)
				? `expands YAML aliases too often (an "alias bomb"); at most ${MAX_YAML_ALIASES} expansions are allowed`
				: `could not be read as YAML: ${message.split('\n')[0]}`
		);
		return undefined;
	}
}

/** Keys whose value is a text field `{ zh, en }`, in every file of the bank. */
const TEXT_KEYS = new Set([
	'title',
	'summary',
	'name',
	'explain',
	'safe_action',
	'claims',
	'speaker',
	'text',
	'prompt',
	'outcome',
	'explanation'
]);
/** Keys whose value is a list of text fields. */
const TEXT_LIST_KEYS = new Set(['safe_actions']);

/**
 * Counts a file's text fields and those with Chinese, from the raw parsed YAML, so that a half-translated
 * (and so invalid) bank still gets its figure.
 */
function countCoverage(file: string, raw: unknown, coverage: Coverage): void {
	let fields = 0;
	let zh = 0;
	const isText = (value: unknown) => {
		fields++;
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const z = (value as Record<string, unknown>).zh;
			if (typeof z === 'string' && z.trim() !== '') zh++;
		}
	};
	const stack: unknown[] = [raw];
	while (stack.length > 0) {
		const node = stack.pop();
		if (Array.isArray(node)) stack.push(...node);
		else if (node && typeof node === 'object') {
			for (const [key, value] of Object.entries(node)) {
				if (TEXT_KEYS.has(key) && (typeof value === 'string' || !Array.isArray(value)))
					isText(value);
				else if (TEXT_LIST_KEYS.has(key) && Array.isArray(value)) value.forEach(isText);
				else stack.push(value);
			}
		}
	}
	coverage.files[file] = { fields, zh };
	coverage.fields += fields;
	coverage.zh += zh;
}

/** Validates one file against a schema; every issue becomes a problem. */
function validate<S extends v.GenericSchema>(
	schema: S,
	file: SourceFile,
	problems: Problem[],
	coverage: Coverage,
	maxBytes: number
): v.InferOutput<S> | undefined {
	const before = problems.length;
	const raw = parseYaml(file, problems, maxBytes);
	if (problems.length > before) return undefined;
	countCoverage(file.path, raw, coverage);
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
	problems: Problem[],
	field = 'id'
): void {
	const seen = new Set<string | number>();
	entries.forEach((entry, i) => {
		if (seen.has(entry.id))
			problems.push({ file, path: `[${i}].${field}`, message: `duplicate ${field} "${entry.id}"` });
		seen.add(entry.id);
	});
}

function baseName(path: string): string {
	const name = path.split('/').pop() ?? path;
	return name.replace(/\.ya?ml$/, '');
}

/** The listed publisher of a source URL: its host equals a publisher's host or is a subdomain of it. */
export function publisherOf(url: string, publishers: readonly Publisher[]): Publisher | undefined {
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return undefined;
	}
	return publishers.find((p) => host === p.host || host.endsWith(`.${p.host}`));
}

/** Cross-checks one valid scenario against the taxonomies and the bank's rules. */
function crossCheck(
	s: Scenario,
	file: string,
	refs: {
		flags: Map<string, boolean>;
		lures: Set<string>;
		cases: Set<number>;
		publishers: readonly Publisher[] | undefined;
	},
	problems: Problem[]
): void {
	const add = (path: string, message: string) => problems.push({ file, path, message });

	if (baseName(file) !== s.id) add('id', `must match the file name ("${baseName(file)}")`);
	// "Spot the red flags" and "where to stop" are answered with number keys 1–9, one per message.
	const messages = s.steps.filter((step) => step.from !== 'you').length;
	if (s.verdict === 'scam' && messages > MAX_KEYED_MESSAGES)
		add(
			'steps',
			`a scam shows at most ${MAX_KEYED_MESSAGES} messages from others (number keys 1–9 pick them); this one has ${messages}`
		);
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
			if (decisive) anyDecisive = true;
			// A genuine look-alike with a flag teaches that real services look suspicious; it shows none.
			if (s.verdict === 'legitimate')
				add(`${at}.flags[${j}]`, `a legitimate scenario shows no red flag (found "${flag}")`);
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

	if (refs.publishers) {
		const publishers = refs.publishers;
		s.sources.forEach((source, i) => {
			if (!publisherOf(source, publishers))
				add(
					`sources[${i}]`,
					`"${source}" is not from a listed publisher (cite one listed in questions/sources.yaml, or add its publisher there)`
				);
		});
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
 * Bank-wide content rules, checked once every file is valid: the bank's size, genuine twins for every lure
 * type, and how much of the scam script is flagged. Problems are reported against the scenario folder.
 */
function checkBankRules(bank: Bank, folder: string, rules: BankRules, problems: Problem[]): void {
	const add = (path: string, message: string) => problems.push({ file: folder, path, message });
	const scams = bank.scenarios.filter((s) => s.verdict === 'scam');
	const legit = bank.scenarios.filter((s) => s.verdict === 'legitimate');
	if (bank.scenarios.length < rules.minScenarios)
		add(
			'bank',
			`has ${bank.scenarios.length} scenarios; the bank needs at least ${rules.minScenarios}`
		);
	if (legit.length < rules.minLegitimate)
		add(
			'bank',
			`has ${legit.length} legitimate scenarios; the bank needs at least ${rules.minLegitimate} genuine look-alikes`
		);
	for (const c of bank.cases) {
		const n = scams.filter((s) => s.case === c.id).length;
		if (n < rules.minScamsPerCase)
			add(
				`case ${c.id}`,
				`has ${n} scams; every seed case needs at least ${rules.minScamsPerCase}`
			);
	}
	for (const lure of bank.lures) {
		const own = scams.filter((s) => s.lure === lure.id);
		if (own.length === 0) continue;
		const channels = new Set(own.flatMap((s) => s.channels));
		const twin = legit.some((s) => s.lure === lure.id && s.channels.some((c) => channels.has(c)));
		if (!twin)
			add(
				`lure ${lure.id}`,
				`has scams but no legitimate scenario on the same channel (its scams use: ${[...channels].sort().join(', ')})`
			);
	}
	const steps = scams.flatMap((s) => s.steps.filter((step) => step.from !== 'you'));
	const flagged = steps.filter((step) => step.flags.length > 0).length;
	if (steps.length > 0 && flagged / steps.length > rules.maxFlaggedShare + 1e-9)
		add(
			'flags',
			`${flagged} of ${steps.length} scam messages (${pct(flagged / steps.length)}) carry a red flag; at most ${pct(rules.maxFlaggedShare)} may, so that spotting the flags is not "tick every message"`
		);
}

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Turns every failed cue strategy into a problem naming the strategy, its limit and the questions. */
function cueProblems(scores: readonly CueScore[], folder: string, problems: Problem[]): void {
	for (const s of scores) {
		if (s.pass) continue;
		problems.push({
			file: folder,
			path: `cue audit: ${s.id}`,
			message: `"${strategyName(s)}" scores ${s.score}% on ${s.questions} ${s.kind} questions, above its limit of ${s.limit}% (${limitText(s)}); it gets these right: ${s.right.join(', ')}`
		});
	}
}

/** Options of a check. */
export interface CheckOptions {
	/** Bank-wide rules; the shipped bank's by default. */
	rules?: BankRules;
}

/**
 * Checks a whole bank: every file against its schema, then every cross-reference and rule, then (when every
 * file is valid) the bank-wide rules and the cue audit. Reports every problem in every file, not only the
 * first, so an author can fix them in one pass; a file that cannot be parsed never hides the others.
 */
export function checkBank(files: BankFiles, options: CheckOptions = {}): CheckResult {
	const rules = options.rules ?? BANK_RULES;
	const problems: Problem[] = [...(files.problems ?? [])];
	const coverage: Coverage = { fields: 0, zh: 0, percent: 0, files: {} };
	const taxonomy = <S extends v.GenericSchema>(schema: S, file: SourceFile) =>
		validate(schema, file, problems, coverage, MAX_TAXONOMY_BYTES);
	const redFlags = taxonomy(RedFlagListSchema, files.redFlags);
	const lures = taxonomy(LureListSchema, files.lures);
	const cases = taxonomy(CaseListSchema, files.cases);
	const publishers = taxonomy(PublisherListSchema, files.sources);
	const cues: CueLists | undefined = taxonomy(CueListsSchema, files.cues);
	if (redFlags) checkUniqueIds(redFlags, files.redFlags.path, problems);
	if (lures) checkUniqueIds(lures, files.lures.path, problems);
	if (cases) checkUniqueIds(cases, files.cases.path, problems);
	if (publishers)
		checkUniqueIds(
			publishers.map((p) => ({ id: p.host })),
			files.sources.path,
			problems,
			'host'
		);

	const folder = files.redFlags.path.replace(/red-flags\.yaml$/, '') + 'scenarios';
	if (files.scenarios.length === 0 && !(files.problems ?? []).length)
		problems.push({ file: folder, path: '', message: 'no scenario files found' });

	const refs = {
		flags: new Map((redFlags ?? []).map((f) => [f.id, f.decisive])),
		lures: new Set((lures ?? []).map((l) => l.id)),
		cases: new Set((cases ?? []).map((c) => c.id)),
		publishers
	};
	const scenarios: Scenario[] = [];
	const owner = new Map<string, string>();
	const sorted = [...files.scenarios].sort((a, b) => a.path.localeCompare(b.path));
	for (const file of sorted) {
		const s = validate(ScenarioSchema, file, problems, coverage, MAX_SCENARIO_BYTES);
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
	coverage.percent = coverage.fields
		? Math.floor((1000 * coverage.zh) / coverage.fields) / 10
		: 100;

	if (problems.length > 0 || !redFlags || !lures || !cases || !publishers || !cues)
		return { ok: false, problems, coverage, cues: null };
	const core: Bank = { redFlags, lures, cases, scenarios };
	checkBankRules(core, folder, rules, problems);
	// Matched check forms travel with the bank (the solo check and team rooms give them to learners).
	const forms = files.forms ? checkFormsFile(core, files.forms, problems) : undefined;
	const bank = deepFreeze(forms ? { ...core, forms } : core);
	const scores = auditCues(bank, generateQuestions(bank), cues);
	cueProblems(scores, folder, problems);
	if (problems.length > 0) return { ok: false, problems, bank, coverage, cues: scores };
	return { ok: true, bank, coverage, cues: scores };
}

/** The check forms must parse and be matched against the bank (see `$lib/checks/forms`). */
function checkFormsFile(
	bank: Bank,
	file: SourceFile,
	problems: Problem[]
): CheckForm[] | undefined {
	const before = problems.length;
	const raw = parseYaml(file, problems, MAX_TAXONOMY_BYTES);
	if (problems.length > before) return undefined;
	const parsed = parseForms(raw);
	const found = 'forms' in parsed ? checkForms(bank, parsed.forms) : parsed.problems;
	for (const p of found) problems.push({ file: file.path, path: p.path, message: p.message });
	return 'forms' in parsed && found.length === 0 ? parsed.forms : undefined;
}

/** The bank is shared by every quiz; freezing it turns an accidental mutation into an error. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}
