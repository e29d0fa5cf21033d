import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './scripts/paraglide-options';

/**
 * `npm run dev` serves the sync endpoint from Vite's own HTTP server, loading
 * the sync module through Vite's SSR graph so it shares the runtime (and its
 * single database handle) with SvelteKit's server code.
 */
function opsloomSync(): Plugin {
	return {
		name: 'opsloom-sync',
		apply: 'serve',
		configureServer(server: ViteDevServer) {
			let sync: Promise<{ handleUpgrade: (...args: never[]) => void }> | null = null;
			const load = () =>
				(sync ??= (async () => {
					const { startSync } = await server.ssrLoadModule('/server/sync/start.ts');
					return startSync();
				})());
			server.httpServer?.on('upgrade', (request, socket, head) => {
				if (!request.url?.startsWith('/sync/')) return; // Vite's HMR socket
				load().then(
					(s) => (s.handleUpgrade as (...args: unknown[]) => void)(request, socket, head),
					(error) => {
						server.config.logger.error(`sync server failed to start: ${error}`);
						socket.destroy();
					}
				);
			});
		}
	};
}

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), sveltekit(), opsloomSync()],
	server: { host: '127.0.0.1', port: 5173 },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts'],
					environment: 'node',
					env: { LOG_LEVEL: 'error' },
					// A few unit files open an in-memory PGlite in beforeAll; on a loaded
					// 2-core machine that alone can take tens of seconds.
					hookTimeout: 60_000,
					// The design tokens are read as text (tokens.ts); other CSS is left out of unit tests.
					css: { include: [/src\/lib\/styles\/tokens\.css/] }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// Each file starts its own server processes; running files one after
					// another keeps a 2-core machine from timing them out.
					fileParallelism: false
				}
			}
		]
	}
});
