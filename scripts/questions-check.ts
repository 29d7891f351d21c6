/**
 * `npm run questions:check [--json] [dir]`: checks every file of a scenario bank and prints a summary.
 * Exits non-zero, listing every problem with file, field and reason, when anything is wrong.
 */
import { formatProblem } from '../src/lib/scenarios/check';
import { loadBankFromDisk } from '../src/lib/scenarios/disk';
import { summarise } from '../src/lib/scenarios/summary';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--')) ?? 'questions';

const result = loadBankFromDisk(dir);
if (!result.ok) {
	if (json) console.log(JSON.stringify({ ok: false, problems: result.problems }, null, 2));
	else {
		for (const p of result.problems) console.error(formatProblem(p));
		console.error(`\n${result.problems.length} problem(s) in the scenario bank under ${dir}/`);
	}
	process.exit(1);
}
const summary = summarise(result.bank);
if (json) console.log(JSON.stringify({ ok: true, ...summary }, null, 2));
else
	console.log(
		`scenarios: ${summary.scenarios} (scam ${summary.scam}, legitimate ${summary.legitimate}) · ` +
			`cases covered: ${summary.casesCovered}/${summary.cases} · questions: ${summary.questions}`
	);
