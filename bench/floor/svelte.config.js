import adapter from '@sveltejs/adapter-node';

/**
 * The floor reference app of `npm run bench`: the smallest page the app's stack can show a question with.
 * Served the way the app is served (adapter-node, precompressed files), so the bench compares like with like.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
	compilerOptions: { runes: true },
	kit: { adapter: adapter() }
};

export default config;
