import { getBank } from '$lib/server/bank';
import { summarise } from '$lib/scenarios/summary';
import type { PageServerLoad } from './$types';

export const load = (() => {
	const s = summarise(getBank());
	return { scenarios: s.scenarios, scam: s.scam, legitimate: s.legitimate, cases: s.casesCovered };
}) satisfies PageServerLoad;
