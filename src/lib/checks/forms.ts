/**
 * Parallel check forms (`questions/forms.yaml`): short decks of "scam or genuine?" questions, matched item
 * by item so that a check taken before training and one taken after measure the same thing. The file is
 * untrusted input like every file under `questions/`: it is parsed with a valibot schema and every rule is
 * checked against the bank, each problem reported with its path.
 */
import * as v from 'valibot';
import type { Bank, Scenario } from '$lib/scenarios/schema';

/** Smallest and largest form: long enough to score, short enough for about five minutes. */
export const FORM_SIZE = { min: 8, max: 16 } as const;
/** Forms' total script lengths (steps) may differ by at most this share of the longest. */
export const MAX_LENGTH_GAP = 0.2;

const FormSchema = v.strictObject({
	id: v.pipe(
		v.string('must be a form id (text)'),
		v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id like "a"'),
		v.maxLength(20, 'must be at most 20 characters')
	),
	scenarios: v.pipe(
		v.array(v.string('must be a scenario id'), 'must be a list of scenario ids'),
		v.minLength(FORM_SIZE.min, `must list at least ${FORM_SIZE.min} scenarios`),
		v.maxLength(FORM_SIZE.max, `must list at most ${FORM_SIZE.max} scenarios`)
	)
});

export const FormListSchema = v.pipe(
	v.array(FormSchema, 'must be a list of forms'),
	v.minLength(2, 'must define at least two forms (a before and an after)')
);

/** One check form: its id and its scenarios, in matched order. */
export type CheckForm = v.InferOutput<typeof FormSchema>;

/** A problem in the forms file: a field path and the reason, as the checker prints them. */
export interface FormProblem {
	path: string;
	message: string;
}

/** The matching key of a form item: what its partner in every other form must share. */
function matchKey(s: Scenario): string {
	return `${s.verdict} · ${s.lure} · ${s.steps[0]?.channel ?? '?'}`;
}

/** Parses the forms file's YAML value; problems name the field. */
export function parseForms(raw: unknown): { forms: CheckForm[] } | { problems: FormProblem[] } {
	const parsed = v.safeParse(FormListSchema, raw);
	if (parsed.success) return { forms: parsed.output };
	return {
		problems: parsed.issues.map((issue) => ({
			// `0.scenarios.2` → `[0].scenarios[2]`, the path style of every other checker message.
			path: (v.getDotPath(issue) ?? '(file)').replace(/\.?(\d+)(?=\.|$)/g, '[$1]'),
			message: issue.message
		}))
	};
}

/**
 * Checks that forms are matched against a bank: every scenario exists, appears once across all forms,
 * forms have the same size, the n-th items of all forms share verdict, lure type and first channel, each
 * form is half scams and half genuine look-alikes, ids are unique, and script lengths are close.
 */
export function checkForms(bank: Bank, forms: readonly CheckForm[]): FormProblem[] {
	const problems: FormProblem[] = [];
	const byId = new Map(bank.scenarios.map((s) => [s.id, s]));
	const seen = new Map<string, string>();
	const ids = new Set<string>();
	forms.forEach((form, f) => {
		if (ids.has(form.id))
			problems.push({ path: `[${f}].id`, message: `repeats form "${form.id}"` });
		ids.add(form.id);
		form.scenarios.forEach((id, i) => {
			const path = `[${f}].scenarios[${i}]`;
			if (!byId.has(id)) problems.push({ path, message: `unknown scenario "${id}"` });
			const other = seen.get(id);
			if (other !== undefined)
				problems.push({
					path,
					message: `"${id}" is already in form "${other}": forms share no item`
				});
			seen.set(id, form.id);
		});
	});
	if (problems.length > 0) return problems;

	const first = forms[0]!;
	forms.forEach((form, f) => {
		const items = form.scenarios.map((id) => byId.get(id)!);
		const scams = items.filter((s) => s.verdict === 'scam').length;
		if (2 * scams !== items.length)
			problems.push({
				path: `[${f}].scenarios`,
				message: `has ${scams} scams of ${items.length}: a form is half scams, half genuine`
			});
		if (f === 0) return;
		if (form.scenarios.length !== first.scenarios.length) {
			problems.push({
				path: `[${f}].scenarios`,
				message: `has ${form.scenarios.length} items, form "${first.id}" has ${first.scenarios.length}`
			});
			return;
		}
		items.forEach((s, i) => {
			const partner = byId.get(first.scenarios[i]!)!;
			if (matchKey(s) !== matchKey(partner))
				problems.push({
					path: `[${f}].scenarios[${i}]`,
					message: `"${s.id}" (${matchKey(s)}) does not match "${partner.id}" (${matchKey(partner)}) of form "${first.id}"`
				});
		});
	});
	const lengths = forms.map((form) =>
		form.scenarios.reduce((n, id) => n + (byId.get(id)?.steps.length ?? 0), 0)
	);
	const longest = Math.max(...lengths);
	lengths.forEach((n, f) => {
		if (longest - n > MAX_LENGTH_GAP * longest)
			problems.push({
				path: `[${f}].scenarios`,
				message: `has ${n} script steps against ${longest}: forms must be of similar length (within ${MAX_LENGTH_GAP * 100}%)`
			});
	});
	return problems;
}
