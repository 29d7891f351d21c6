/**
 * Which source modules a built chunk carries, from Vite's client manifest
 * (.svelte-kit/output/client/.vite/manifest.json), without source maps.
 *
 * The manifest names a source for every entry and every dynamically imported module (SvelteKit's route
 * nodes, `import('$lib/review/due')`, …) and lists the chunks each one imports statically; shared chunks have
 * no source of their own. So a chunk is attributed to the sources whose static import closure contains it:
 * a chunk is review code when it is the file of a review source, or when only review sources reach it. A
 * route node is named by the page it exports (read from SvelteKit's generated node file). A chunk shared
 * with any other source is not counted as review code, even if review code is part of it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestEntry {
	file: string;
	src?: string;
	imports?: string[];
	dynamicImports?: string[];
}

/** A chunk file and the sources that reach it. */
export interface ChunkOwner {
	file: string;
	sources: string[];
	review: boolean;
}

/** Review code: the review library, the review page, and the FSRS scheduler. */
export const isReviewSource = (src: string) =>
	/^src\/(lib\/review|routes\/review)\//.test(src) || src.includes('node_modules/ts-fsrs/');

/** The page or layout a SvelteKit node module exports, or the key itself. */
function nodeSource(root: string, key: string): string {
	const path = join(root, key);
	if (!key.includes('/nodes/') || !existsSync(path)) return key;
	const text = readFileSync(path, 'utf8');
	const page = /from "(?:\.\.\/)+(src\/routes\/[^"]+)"/.exec(text);
	return page?.[1] ?? key;
}

/** Reads the manifest and attributes every chunk file to the sources that reach it. */
export function chunkOwners(root = '.'): Map<string, ChunkOwner> {
	const file = join(root, '.svelte-kit/output/client/.vite/manifest.json');
	const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestEntry>;
	const reached = new Map<string, Set<string>>();
	const own = new Map<string, string>();
	for (const [key, entry] of Object.entries(manifest)) {
		if (!entry.src) continue;
		const source = nodeSource(root, key);
		own.set(entry.file, source);
		const seen = new Set<string>();
		const stack = [key];
		while (stack.length > 0) {
			const k = stack.pop()!;
			if (seen.has(k)) continue;
			seen.add(k);
			const e = manifest[k];
			if (!e) continue;
			const owners = reached.get(e.file) ?? new Set<string>();
			owners.add(source);
			reached.set(e.file, owners);
			stack.push(...(e.imports ?? []));
		}
	}
	const result = new Map<string, ChunkOwner>();
	for (const [chunk, owners] of reached) {
		const sources = [...owners].sort();
		const ownSource = own.get(chunk);
		const review =
			sources.every(isReviewSource) || (ownSource !== undefined && isReviewSource(ownSource));
		result.set(chunk, { file: chunk, sources, review });
	}
	return result;
}
