import { spawnSync } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { freePort, hasRedisServer, spawnRedisServer } from '../scripts/local-services';
import { onCleanUp, trackChild } from './servers';

/**
 * What several server processes need besides themselves (docs/deploy.md): a
 * PostgreSQL database of their own and a Redis between them. Both are made
 * fresh for one measured run and removed after it, also when the bench exits
 * early (Ctrl-C, time limit, failure).
 */

const root = path.resolve(import.meta.dirname, '..');
const REDIS_START_MS = 10_000;

export interface BenchRedis {
	url: string;
	pid: number;
	stop(): Promise<void>;
}

/** A private redis-server on a free port of 127.0.0.1 that keeps nothing on disk. */
export async function startRedis(): Promise<BenchRedis> {
	if (!hasRedisServer()) {
		throw new Error('redis-server is not installed: the processes scenario needs it');
	}
	const port = await freePort();
	const child = await spawnRedisServer(port, { onSpawn: trackChild, timeoutMs: REDIS_START_MS });
	return {
		url: `redis://127.0.0.1:${port}`,
		pid: child.pid!,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

export interface BenchDatabase {
	/** The new database, for DATABASE_URL. */
	url: string;
	name: string;
	/** Server processes (backends) connected to this database right now. */
	backendPids(): Promise<number[]>;
	drop(): Promise<void>;
}

/**
 * Creates an empty database on the PostgreSQL server `adminUrl` points to
 * (any database there the user may connect to; the user must be allowed to
 * create databases). `drop` removes it, disconnecting whoever is left.
 */
export async function createDatabase(adminUrl: string): Promise<BenchDatabase> {
	let parsed: URL;
	try {
		parsed = new URL(adminUrl);
	} catch {
		throw new Error(`--processes-database-url is not a URL: "${adminUrl}"`);
	}
	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
		throw new Error(`--processes-database-url must be a postgres:// URL, got "${adminUrl}"`);
	}
	const name = `opsloom_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (error) {
		await admin.end({ timeout: 1 });
		const message = error instanceof Error ? error.message : String(error);
		throw new Error(`cannot create a database on ${parsed.host}: ${message}`);
	}
	// An exit before drop() runs (Ctrl-C, the time limit) drops it from a child
	// process: the exit handlers are synchronous.
	const forget = onCleanUp(() => {
		spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`import postgres from 'postgres';
				const sql = postgres(process.argv[1], { max: 1, onnotice: () => {} });
				await sql.unsafe('drop database if exists ${name} with (force)');
				await sql.end();`,
				adminUrl
			],
			{ cwd: root, stdio: 'ignore', timeout: 15_000 }
		);
	});
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		name,
		async backendPids() {
			const rows = await admin<{ pid: number }[]>`
				select pid from pg_stat_activity where datname = ${name}`;
			return rows.map((row) => row.pid);
		},
		async drop() {
			try {
				await admin.unsafe(`drop database if exists ${name} with (force)`);
				forget();
			} finally {
				await admin.end({ timeout: 5 });
			}
		}
	};
}
