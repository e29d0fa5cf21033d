import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';
import v8 from 'node:v8';
import { ConfigError } from '../src/lib/server/config';
import { log } from '../src/lib/server/log';
import { closeRuntime, getRuntime } from '../src/lib/server/runtime';
import { stopJobs } from '../src/lib/server/jobs';
import { handleOneClickUnsubscribe } from './one-click-unsubscribe';
import { startSync } from './sync/start';
import { stampConnectionProtocol, useConnectionProtocol } from './connection-protocol';

/**
 * The folder with package.json above this module: it runs from server/ (tsx,
 * in tests) and bundled from the build folder (`npm run serve`).
 */
function projectRoot(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	while (!fs.existsSync(path.join(dir, 'package.json'))) {
		const parent = path.dirname(dir);
		if (parent === dir) return process.cwd();
		dir = parent;
	}
	return dir;
}

/**
 * The production entry: one Node process serving the SvelteKit app (built by
 * `npm run build` with adapter-node) and the sync endpoint on one port.
 */
async function main(): Promise<void> {
	// V8 lets the old generation grow to several times its live size before
	// the next full collection. At 1,000 open documents × 2 clients the live
	// heap was ~90 MB while 200 MB were in use at the peak (the rest garbage:
	// query building, result parsing, message encoding), and the process keeps
	// those pages: V8 heap 230 MB, peak RSS 416 MB. Growing by at most half the
	// live size keeps the heap near what is live (measured: heap 134 MB, peak
	// RSS 328 MB in the same bench; bench/README.md). The flag is read at every
	// collection, so setting it here applies from the start.
	v8.setFlagsFromString('--heap-growing-percent=50');
	// Two settings cannot be changed once the process runs, so `npm run serve`
	// passes them (package.json):
	// - `--max-semi-space-size=4`: 4 MB semi-spaces instead of 16 took the rooms
	//   bench's peak RSS from 304-311 to 283 MB at the same latency; what a
	//   request allocates dies young either way.
	// - `--v8-pool-size=1`: V8's helper threads (parallel GC, background
	//   compilation) are shared by the server's thread and the embedded engine's;
	//   on a small machine a full collection's helpers took the cores the engine
	//   was committing on, and both stalled at once. One helper: rooms p99 over
	//   six runs 20-50 ms (median 28) against 34-46 (median 36), peak RSS about
	//   15 MB lower.

	const runtime = await getRuntime();
	const { config } = runtime;
	const sync = await startSync();
	await sync.warmUp();

	const root = projectRoot();
	const handlerPath = path.join(path.resolve(root, process.env.BUILD_DIR || 'build'), 'handler.js');
	if (!fs.existsSync(handlerPath)) {
		throw new ConfigError('The app is not built yet: run `npm run build` (or `npm start`).');
	}
	// adapter-node refuses bodies over 512 KB by default. JSON is capped at 1 MB
	// by readJson; a CSV import of indicator values (up to 100,000 rows) needs more.
	process.env.BODY_SIZE_LIMIT ??= '8M';
	const stampProtocol = useConnectionProtocol(process.env);
	const { handler } = (await import(pathToFileURL(handlerPath).href)) as {
		handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
	};

	const server = http.createServer((req, res) => {
		if (stampProtocol) stampConnectionProtocol(req);
		// Static files do not pass through SvelteKit's hooks; pages and the API
		// answer with the same values (src/hooks.server.ts).
		res.setHeader('x-content-type-options', 'nosniff');
		res.setHeader('x-frame-options', 'DENY');
		if (handleOneClickUnsubscribe(runtime.db, req, res)) return;
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.on('upgrade', (request, socket, head) => {
		if (request.url?.startsWith('/sync/')) {
			sync.handleUpgrade(request, socket, head);
		} else {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
		}
	});

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info('shutting down', { signal });
		server.close();
		try {
			await sync.close();
			await stopJobs();
			await closeRuntime();
		} catch (error) {
			log.error('shutdown failed', { error });
			process.exitCode = 1;
		}
		process.exit();
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, resolve);
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	log.info('listening', {
		url: `http://${config.host}:${port}`,
		database: runtime.database.engine
	});
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError) {
		process.stderr.write(`opsloom: ${error.message}\n`);
	} else {
		log.error('start-up failed', { error });
	}
	process.exit(1);
});
