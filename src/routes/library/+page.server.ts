import { libraryIndex } from '$lib/scenarios/library';
import { getBank } from '$lib/server/bank';
import type { PageServerLoad } from './$types';

export const load = (() => ({ groups: libraryIndex(getBank()) })) satisfies PageServerLoad;
