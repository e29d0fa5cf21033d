import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and SVELTEKIT_OUT let several builds of one checkout sit side by side.
		adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
		outDir: process.env.SVELTEKIT_OUT || '.svelte-kit',
		// Form actions are protected by SvelteKit's own Origin check; ORIGIN tells it the public URL.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
