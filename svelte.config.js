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
		csrf: { trustedOrigins: [] },
		// Scripts only from this origin, plus SvelteKit's own inline start-up
		// script, which it marks with a per-response nonce ('auto'). Styles allow
		// 'unsafe-inline' because server-rendered markup carries style
		// attributes (positions of flow shapes, colours of people) that no nonce
		// can cover; styles cannot run code. Nothing may frame the app.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
