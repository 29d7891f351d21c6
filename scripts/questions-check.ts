/**
 * `npm run questions:check [-- --json] [-- --draft] [dir]`: checks every file of a scenario bank, audits its
 * generated questions for cues a learner could answer by without reading, and prints the bank's figures.
 * Exits non-zero, listing every problem with file, field and reason, when anything is wrong.
 *
 * `--draft` drops the bank-size targets (60 scenarios, 24 genuine look-alikes, 3 scams per seed case) for a
 * bank still being written; every other rule and the cue audit apply as to the shipped bank.
 */
import {
	BANK_RULES,
	DRAFT_RULES,
	formatProblem,
	type CheckResult
} from '../src/lib/scenarios/check';
import { limitText, strategyName, type CueScore } from '../src/lib/scenarios/cues';
import { loadBankFromDisk } from '../src/lib/scenarios/disk';
import { summarise, type BankSummary } from '../src/lib/scenarios/summary';

const args = process.argv.slice(2);
const json = args.includes('--json');
const draft = args.includes('--draft');
const dir = args.find((a) => !a.startsWith('--')) ?? 'questions';

const result: CheckResult = loadBankFromDisk(dir, { rules: draft ? DRAFT_RULES : BANK_RULES });
const summary: BankSummary | null = result.bank ? summarise(result.bank) : null;

/** The audit keyed by strategy, as `--json` prints it. */
function cueTable(scores: readonly CueScore[]) {
	return Object.fromEntries(
		scores.map((s) => [
			s.id,
			{
				kind: s.kind,
				questions: s.questions,
				score: s.score,
				chance: s.chance,
				limit: s.limit,
				pass: s.pass,
				...(s.position !== undefined ? { position: s.position } : {}),
				right: s.right
			}
		])
	);
}

/** The summary block: figures, Chinese coverage and the cue audit, one line each. */
function summaryLines(): string[] {
	const lines: string[] = [];
	if (summary)
		lines.push(
			`scenarios: ${summary.scenarios} (scam ${summary.scam}, legitimate ${summary.legitimate}) · ` +
				`cases covered: ${summary.casesCovered}/${summary.cases} · questions: ${summary.questions}`
		);
	const c = result.coverage;
	lines.push(`Chinese text: ${c.zh} of ${c.fields} text fields (${c.percent}%)`);
	if (result.cues) {
		lines.push('cue audit (answering without reading the script; score must not pass its limit):');
		const width = Math.max(...result.cues.map((s) => strategyName(s).length));
		for (const s of result.cues)
			lines.push(
				`  ${s.pass ? 'pass' : 'FAIL'}  ${strategyName(s).padEnd(width)}  ${String(s.score).padStart(5)}% ` +
					`(limit ${s.limit}%: ${limitText(s)}; ${s.questions} questions)`
			);
	}
	return lines;
}

if (json) {
	console.log(
		JSON.stringify(
			{
				ok: result.ok,
				...(result.ok ? {} : { problems: result.problems }),
				...(summary ?? {}),
				coverage: result.coverage,
				cues: result.cues ? cueTable(result.cues) : null
			},
			null,
			2
		)
	);
} else {
	if (!result.ok) for (const p of result.problems) console.error(formatProblem(p));
	console.log(summaryLines().join('\n'));
	if (!result.ok)
		console.error(`\n${result.problems.length} problem(s) in the scenario bank under ${dir}/`);
}
process.exit(result.ok ? 0 : 1);
