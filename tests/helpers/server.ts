import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from '../../scripts/local-services';

export { freePort };

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Where a test server keeps its data: a fresh PGlite folder, or, when
 * TEST_DATABASE_URL is set, a fresh database on that PostgreSQL server that
 * `drop()` removes again.
 */
export interface TestStorage {
	env: Record<string, string>;
	/** The server's DATA_DIR: its embedded database (PGlite) and its mail outbox. */
	dataDir: string;
	label: string;
	drop(): Promise<void>;
}

export async function createStorage(
	engine: 'pglite' | 'postgres' = 'pglite'
): Promise<TestStorage> {
	if (engine === 'postgres') {
		const adminUrl = process.env.TEST_DATABASE_URL;
		if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
		const name = `opsloom_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		await admin.end();
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		// The database is on the server, but mail still goes to DATA_DIR/outbox.
		const outboxHome = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloom-test-'));
		return {
			env: { DATABASE_URL: url.toString(), DATA_DIR: outboxHome },
			dataDir: outboxHome,
			label: 'postgres',
			async drop() {
				const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
				await a.unsafe(`drop database if exists ${name} with (force)`);
				await a.end();
				fs.rmSync(outboxHome, { recursive: true, force: true });
			}
		};
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloom-test-'));
	return {
		env: { DATA_DIR: dir },
		dataDir: dir,
		label: 'pglite',
		async drop() {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** The engines an integration suite should run against: PGlite always, PostgreSQL when configured. */
export const engines: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

export interface TestServer {
	url: string;
	wsUrl: string;
	port: number;
	process: ChildProcess;
	logs: string[];
	/** SIGTERM and wait: writes are flushed. */
	stop(): Promise<void>;
	/** SIGKILL: nothing gets a chance to flush. */
	kill(): Promise<void>;
	/** Starts the server again on the same port and storage. */
	restart(): Promise<void>;
}

/**
 * Starts the real production server (`server/index.ts` over the built app) as
 * a child process. Requires `npm run build` to have run (npm test does it).
 * ORIGIN is the server's own URL unless `extraEnv` says otherwise; a variable
 * given as `undefined` is removed, e.g. `{ ORIGIN: undefined }` for a first run.
 */
export async function startServer(
	storage: TestStorage,
	extraEnv: Record<string, string | undefined> = {}
): Promise<TestServer> {
	if (
		!fs.existsSync(path.join(path.resolve(root, process.env.BUILD_DIR || 'build'), 'handler.js'))
	) {
		throw new Error('The app is not built: run `npm run build` before the integration tests.');
	}
	const port = await freePort();
	const logs: string[] = [];
	let child: ChildProcess;

	const launch = async () => {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			LOG_LEVEL: 'warn',
			ORIGIN: `http://127.0.0.1:${port}`,
			...storage.env,
			...extraEnv
		};
		for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
		child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d) => logs.push(String(d)));
		child.stderr!.on('data', (d) => logs.push(String(d)));
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (child.exitCode !== null) {
				throw new Error(`server exited with ${child.exitCode}:\n${logs.join('')}`);
			}
			try {
				const res = await fetch(`http://127.0.0.1:${port}/healthz`);
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`server did not start:\n${logs.join('')}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	};

	const waitExit = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
		});

	await launch();
	const server: TestServer = {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		port,
		get process() {
			return child;
		},
		logs,
		async stop() {
			child.kill('SIGTERM');
			await waitExit();
		},
		async kill() {
			child.kill('SIGKILL');
			await waitExit();
		},
		async restart() {
			await launch();
		}
	};
	return server;
}
