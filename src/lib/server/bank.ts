/**
 * The scenario bank as the server sees it: the YAML under `questions/` is bundled at build time and checked
 * once. An invalid bank throws with every problem listed, which fails prerendering and so the build.
 */
import { checkBank, formatProblem, type SourceFile } from '$lib/scenarios/check';
import type { Bank } from '$lib/scenarios/schema';

const bundled = import.meta.glob('/questions/**/*.yaml', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/**
 * Checks a bank given as bundled files (`/questions/…` path → text). Throws, listing every problem, when the
 * bank is invalid.
 */
export function bankFromFiles(raw: Record<string, string>): Bank {
	const file = (path: string): SourceFile => ({
		path: `questions/${path}`,
		text: raw[`/questions/${path}`] ?? ''
	});
	const result = checkBank({
		redFlags: file('red-flags.yaml'),
		lures: file('lures.yaml'),
		cases: file('cases.yaml'),
		scenarios: Object.keys(raw)
			.filter((p) => p.startsWith('/questions/scenarios/'))
			.map((p) => ({ path: p.slice(1), text: raw[p] ?? '' }))
	});
	if (!result.ok)
		throw new Error(
			`The scenario bank is invalid:\n${result.problems.map(formatProblem).join('\n')}`
		);
	return result.bank;
}

let cached: Bank | undefined;

/** The shipped, checked bank; throws on an invalid bank so that a broken build never ships. */
export function getBank(): Bank {
	cached ??= bankFromFiles(bundled);
	return cached;
}
