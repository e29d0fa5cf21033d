import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../scripts/local-services';
import type { ServerKind } from './options';

const root = path.resolve(import.meta.dirname, '..');
const REFERENCE_BIN = path.join(root, 'node_modules/reference-y-websocket/bin/server.js');
/**
 * Generous: on a loaded machine (a shared CI box) a fresh PGlite folder's
 * initdb alone has taken over a minute. BENCH_START_SECONDS overrides it.
 */
const START_TIMEOUT_MS = Number(process.env.BENCH_START_SECONDS || 180) * 1000;
/** A server closing 1,000 rooms on a loaded machine may need longer (BENCH_STOP_SECONDS): a killed one writes no CPU profile. */
const STOP_TIMEOUT_MS = Number(process.env.BENCH_STOP_SECONDS || 15) * 1000;
/** Documents are created this many at a time: enough to overlap requests, few enough not to queue up. */
const CREATE_CONCURRENCY = 8;
const PASSWORD = 'bench horse battery staple';

/**
 * Every server process and temp folder the bench made, so that an exit for
 * any reason (error, Ctrl-C, time limit) kills and removes them.
 */
const liveChildren = new Set<ChildProcess>();
const tempDirs = new Set<string>();
/** Synchronous undo steps for things that are neither a child nor a folder (a PostgreSQL database). */
const cleanUpSteps = new Set<() => void>();

export function cleanUpEverything(): void {
	for (const child of liveChildren) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}
	liveChildren.clear();
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
	tempDirs.clear();
	for (const step of cleanUpSteps) {
		try {
			step();
		} catch {
			// Best effort on the way out: the other steps still run.
		}
	}
	cleanUpSteps.clear();
}

/** Kills `child` (SIGKILL) if the bench exits for any reason while it still runs. */
export function trackChild(child: ChildProcess): void {
	liveChildren.add(child);
	child.once('exit', () => liveChildren.delete(child));
}

/**
 * Runs `step` if the bench exits before the returned function is called
 * (which unregisters it: the caller undid the thing itself).
 */
export function onCleanUp(step: () => void): () => void {
	cleanUpSteps.add(step);
	return () => cleanUpSteps.delete(step);
}

/**
 * What `npm run serve` runs, read from package.json so the bench measures the
 * same node flags (e.g. the young generation's size) a user's server gets:
 * `node [flags…] scripts/serve.js`, which loads `$BUILD_DIR/serve.js`.
 */
export function serveCommand(): string[] {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const [program, ...rest] = String(pkg.scripts.serve).split(/\s+/);
	if (program !== 'node' || rest.length === 0 || !rest[rest.length - 1].endsWith('.js')) {
		throw new Error(
			`package.json's serve script is not "node [flags] script.js": ${pkg.scripts.serve}`
		);
	}
	return [...rest.slice(0, -1), path.join(root, rest[rest.length - 1])];
}

export function buildDir(): string {
	return path.resolve(root, process.env.BUILD_DIR || 'build');
}

/** How a bench client reaches one document on a server. */
export interface RoomAddress {
	serverUrl: string;
	room: string;
	params: Record<string, string>;
}

/** One server under test: a child process plus the storage it keeps across restarts. */
export abstract class BenchServer {
	abstract readonly kind: ServerKind;
	readonly port: number;
	readonly storageDir: string;
	protected child: ChildProcess | null = null;
	private logLines: string[] = [];
	/** Extra node flags, e.g. --cpu-prof when profiling. */
	nodeArgs: string[] = [];
	/** Extra environment for the server process, e.g. a feature switched off for comparison. */
	extraEnv: Record<string, string> = {};

	protected constructor(port: number, storageDir: string) {
		this.port = port;
		this.storageDir = storageDir;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number {
		if (!this.child?.pid) throw new Error(`${this.kind} server is not running`);
		return this.child.pid;
	}

	/** The last lines the server printed, for error messages. */
	logs(): string {
		return this.logLines.slice(-40).join('');
	}

	protected abstract command(): { args: string[]; env: Record<string, string> };
	protected abstract readyPath(): string;
	/** Makes `count` documents (rooms) that clients may open. */
	abstract prepareRooms(count: number): Promise<string[]>;
	abstract address(room: string): RoomAddress;

	async start(): Promise<void> {
		const { args, env } = this.command();
		const baseEnv = { ...process.env };
		// The bench measures the embedded-database setup; a configured PostgreSQL or
		// Redis from the developer's shell would change what is measured.
		delete baseEnv.DATABASE_URL;
		delete baseEnv.REDIS_URL;
		delete baseEnv.NODE_OPTIONS;
		const child = spawn(process.execPath, [...this.nodeArgs, ...args], {
			cwd: root,
			env: { ...baseEnv, ...env, ...this.extraEnv },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child = child;
		trackChild(child);
		const keep = (data: Buffer) => {
			this.logLines.push(String(data));
			if (this.logLines.length > 200) this.logLines.splice(0, 100);
		};
		child.stdout!.on('data', keep);
		child.stderr!.on('data', keep);

		const deadline = Date.now() + START_TIMEOUT_MS;
		for (;;) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(`${this.kind} server exited during start-up:\n${this.logs()}`);
			}
			try {
				const res = await fetch(this.baseUrl + this.readyPath(), {
					signal: AbortSignal.timeout(2000)
				});
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline)
				throw new Error(`${this.kind} server did not start:\n${this.logs()}`);
			await sleep(100);
		}
	}

	/** SIGTERM (so ours can flush), then SIGKILL if it does not exit in time. */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
		await exited;
		clearTimeout(timer);
	}

	/** A new process on the same port and storage (peak memory starts over). */
	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}

	/** Stops the process and deletes its storage. */
	async dispose(): Promise<void> {
		await this.stop();
		fs.rmSync(this.storageDir, { recursive: true, force: true });
		tempDirs.delete(this.storageDir);
	}
}

/** y-websocket@1.5.4's own server with LevelDB persistence switched on. */
class ReferenceServer extends BenchServer {
	readonly kind = 'reference' as const;
	private nextRoom = 0;

	constructor(port: number, storageDir: string) {
		super(port, storageDir);
	}

	protected command() {
		return {
			args: [REFERENCE_BIN],
			env: { HOST: '127.0.0.1', PORT: String(this.port), YPERSISTENCE: this.storageDir }
		};
	}

	protected readyPath(): string {
		return '/';
	}

	async prepareRooms(count: number): Promise<string[]> {
		// The reference server creates a room on first connect; names only need to be unique.
		return Array.from({ length: count }, () => `bench-room-${this.nextRoom++}`);
	}

	address(room: string): RoomAddress {
		return { serverUrl: `ws://127.0.0.1:${this.port}`, room, params: {} };
	}
}

/**
 * Our production entry, as `npm run serve` runs it (the server bundled by the
 * build, `$BUILD_DIR/serve.js`, over the built app), on a fresh PGlite folder.
 */
export class OursServer extends BenchServer {
	readonly kind = 'ours' as const;
	token: string | null = null;
	workspaceId: string | null = null;

	constructor(port: number, storageDir: string) {
		super(port, storageDir);
	}

	protected command() {
		return {
			args: serveCommand(),
			env: {
				HOST: '127.0.0.1',
				PORT: String(this.port),
				DATA_DIR: this.storageDir,
				ORIGIN: this.baseUrl,
				LOG_LEVEL: 'warn',
				BUILD_DIR: buildDir()
			}
		};
	}

	protected readyPath(): string {
		return '/healthz';
	}

	address(room: string): RoomAddress {
		if (!this.token) throw new Error('no API token yet: prepareRooms first');
		return {
			serverUrl: `ws://127.0.0.1:${this.port}/sync`,
			room,
			params: { token: this.token }
		};
	}

	async prepareRooms(count: number): Promise<string[]> {
		this.token ??= await this.signUp();
		const token = this.token;
		if (!this.workspaceId) {
			const created = await this.request('POST', '/api/v1/workspaces', { name: 'Bench' }, token);
			this.workspaceId = pickId(created, 'workspace');
		}
		const workspaceId = this.workspaceId;
		const ids: string[] = new Array(count);
		let next = 0;
		const worker = async () => {
			while (next < count) {
				const i = next++;
				const created = await this.request(
					'POST',
					`/api/v1/workspaces/${workspaceId}/documents`,
					{ kind: 'framework', title: `Bench ${i}` },
					token
				);
				ids[i] = pickId(created, 'document');
			}
		};
		await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, count) }, worker));
		return ids;
	}

	/**
	 * An API token for a new user: the JSON sign-up endpoint, or else (older
	 * builds) the sign-up form plus POST /api/v1/tokens.
	 */
	private async signUp(): Promise<string> {
		const email = `bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
		const json = await fetch(`${this.baseUrl}/api/v1/auth/signup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: this.baseUrl },
			body: JSON.stringify({ name: 'Bench', email, password: PASSWORD })
		});
		if (json.status === 201) {
			const body = (await json.json()) as { token?: string };
			if (!body.token) throw new Error('sign-up answered 201 without a token');
			return body.token;
		}
		if (json.status !== 404 && json.status !== 405) {
			throw new Error(`POST /api/v1/auth/signup: ${json.status} ${await json.text()}`);
		}
		const form = await fetch(`${this.baseUrl}/signup`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl },
			body: new URLSearchParams({ name: 'Bench', email, password: PASSWORD }),
			redirect: 'manual'
		});
		const cookie = form.headers.get('set-cookie')?.split(';')[0];
		if (!cookie) {
			throw new Error(
				`POST /signup: ${form.status} without a session cookie: ${await form.text()}`
			);
		}
		const created = await fetch(`${this.baseUrl}/api/v1/tokens`, {
			method: 'POST',
			headers: { cookie, origin: this.baseUrl, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'bench' })
		});
		if (!created.ok)
			throw new Error(`POST /api/v1/tokens: ${created.status} ${await created.text()}`);
		return ((await created.json()) as { token: string }).token;
	}

	private async request(
		method: string,
		pathname: string,
		body: unknown,
		token: string
	): Promise<unknown> {
		const res = await fetch(this.baseUrl + pathname, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
		return res.json();
	}
}

function pickId(body: unknown, key: string): string {
	const record = body as Record<string, unknown> | null;
	const nested = record?.[key] as Record<string, unknown> | undefined;
	const id = record?.id ?? nested?.id;
	if (typeof id !== 'string') throw new Error(`expected an id in ${JSON.stringify(body)}`);
	return id;
}

/**
 * Starts a fresh server process on fresh (initialised) storage. With `profileDir`, node
 * writes a CPU profile there when the process exits; the reference server has
 * no signal handler of its own, so it gets one that exits normally (otherwise
 * SIGTERM kills it before the profile is written).
 */
export async function startBenchServer(
	kind: ServerKind,
	profileDir?: string,
	extraEnv: Record<string, string> = {},
	memoryTrace?: string
): Promise<BenchServer> {
	const port = await freePort();
	const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), `opsloom-bench-${kind}-`));
	tempDirs.add(storageDir);
	const server =
		kind === 'ours' ? new OursServer(port, storageDir) : new ReferenceServer(port, storageDir);
	server.extraEnv = extraEnv;
	if (profileDir) {
		fs.mkdirSync(profileDir, { recursive: true });
		server.nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
		if (kind === 'reference') {
			server.nodeArgs.push(
				'--import',
				pathToFileURL(path.join(root, 'bench/exit-on-signal.js')).href
			);
		}
	}
	if (memoryTrace) {
		fs.mkdirSync(path.dirname(memoryTrace), { recursive: true });
		fs.rmSync(memoryTrace, { force: true });
		server.nodeArgs.push(
			'--import',
			pathToFileURL(path.join(root, 'bench/memory-sampler.js')).href
		);
	}
	try {
		// Storage is created by a throwaway process first: a fresh PGlite folder
		// runs initdb on first open, which alone peaks at ~800 MB and would make
		// every peak-RSS figure of ours measure a once-per-install step.
		await server.start();
		await server.stop();
		// Only the measured process writes the trace.
		if (memoryTrace) server.extraEnv = { ...server.extraEnv, BENCH_MEMORY_TRACE: memoryTrace };
		await server.start();
	} catch (error) {
		await server.dispose();
		throw error;
	}
	return server;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
