import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { PGlite as PGliteClient } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { log } from '../log';
import { claimDatabase, type ServingMode } from './claim-database';
import { RemotePGlite } from './pglite-remote';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; services accept either so they can be composed inside one transaction. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

/** Runs one parameterised statement and returns its rows as the driver gives them. */
export type Execute = <Row = Record<string, unknown>>(
	text: string,
	params: unknown[]
) => Promise<Row[]>;

export interface DatabaseHandle {
	db: Database;
	engine: 'pglite' | 'postgres';
	/**
	 * One parameterised statement straight to the driver, without the query
	 * builder: for the sync server's hottest write, where building a statement
	 * of a few hundred parameters cost more than running it.
	 */
	execute: Execute;
	/** Runs `run` in one transaction with the same kind of statements. */
	transaction<T>(run: (execute: Execute) => Promise<T>): Promise<T>;
	/**
	 * Calls `onPayload` for every `pg_notify(channel, payload)` committed by any
	 * process on this database (PostgreSQL) or by this one (PGlite). Delivered
	 * after the notifying transaction commits, never for one rolled back.
	 */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/**
 * The migrations folder sits at the project root. This module may run from
 * src/ (tsx, Vite) or from a bundled chunk under build/, so look upwards
 * rather than trusting one relative path.
 */
function findMigrationsFolder(): string {
	if (process.env.MIGRATIONS_DIR) return path.resolve(process.env.MIGRATIONS_DIR);
	const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
	for (const start of starts) {
		let dir = start;
		for (;;) {
			if (fs.existsSync(path.join(dir, 'drizzle', 'meta', '_journal.json'))) {
				return path.join(dir, 'drizzle');
			}
			const parent = path.dirname(dir);
			if (parent === dir) break;
			dir = parent;
		}
	}
	throw new Error('Cannot find the drizzle/ migrations folder; set MIGRATIONS_DIR.');
}

/**
 * The embedded engine's buffer cache lives in its WASM heap, which never
 * shrinks: initdb's default (128 MB of shared_buffers, sized for a server
 * with many connections) made up most of the process's memory. Measured on a
 * 200 MB table: peak RSS 345 MB with the defaults, 219 MB with 16 MB. A
 * single-connection engine whose hot rows (open documents' heads, the log
 * tail being appended) are a few MB needs no more; reads beyond it come from
 * the OS page cache, which the kernel can reclaim. 16 → 8 MB took the rooms
 * bench's idle RSS from 199 to 183 MB and its peak from 323 to 312 MB.
 *
 * `wal_init_zero=off`: the engine runs without a checkpointer, so until its
 * first checkpoint (a few hundred MB of log) every 16 MB log segment is a new
 * file, which PostgreSQL fills with zeros before use: 16 MB written through
 * WebAssembly's file layer inside whichever commit crossed the segment. That
 * commit took 8.9 ms instead of 1 ms on its own and about 20 ms under the
 * rooms load, every 15 s or so; unfilled, 2.2 ms. The engine runs with fsync
 * off already (PGlite's `-F`), which is what preallocation would guard.
 */
const PGLITE_START_PARAMS = [
	'-c',
	'shared_buffers=8MB',
	'-c',
	'max_connections=5',
	'-c',
	'wal_init_zero=off'
];

export async function openDatabase(options: {
	databaseUrl: string | null;
	dataDir: string;
	/** How this process shares a PostgreSQL database with others (default: it serves alone). */
	serving?: ServingMode;
}): Promise<DatabaseHandle> {
	const migrationsFolder = findMigrationsFolder();
	if (options.databaseUrl) {
		// Before migrating: a process that may not serve must not change the schema either.
		const claim = await claimDatabase(options.databaseUrl, options.serving ?? 'alone');
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(options.databaseUrl, {
			max: 10,
			onnotice: () => {}
		});
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
		log.info('database ready', { engine: 'postgres' });
		return {
			db: db as unknown as Database,
			engine: 'postgres',
			execute: (text, params) => client.unsafe(text, params as never[]) as never,
			transaction: (run) =>
				client.begin((tx) =>
					run((text, params) => tx.unsafe(text, params as never[]) as never)
				) as never,
			listen: async (channel, onPayload) => {
				const { unlisten } = await client.listen(channel, onPayload);
				return unlisten;
			},
			close: async () => {
				await client.end({ timeout: 5 });
				await claim.release();
			}
		};
	}
	// The engine is PostgreSQL compiled to WebAssembly (9 MB). By default V8
	// compiles all of it with its baseline compiler and then recompiles hot
	// functions with its optimising one in background threads, whose memory the
	// process keeps: 50-60 MB of an idle server's RSS (measured: 250 → 190 MB).
	// The baseline code alone costs nothing measurable on the sync path (the
	// per-statement cost is the JavaScript around the engine: ~0.3 ms of CPU for
	// a keyed insert or select either way) and 15-40 % on long CPU-bound
	// statements. V8 reads the flag when it compiles a module, so it applies
	// from here on (the engine's module is compiled on the import below).
	v8.setFlagsFromString('--liftoff-only');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	// "memory://" keeps everything in memory: used by unit tests.
	if (!options.dataDir.startsWith('memory://')) fs.mkdirSync(options.dataDir, { recursive: true });
	// The engine runs in a worker thread: see pglite-worker.ts.
	const client = await RemotePGlite.create({
		dataDir: options.dataDir,
		extraStartParams: PGLITE_START_PARAMS
	});
	const db = drizzle(client as unknown as PGliteClient, { schema });
	await migrate(db, { migrationsFolder });
	log.info('database ready', { engine: 'pglite', dataDir: options.dataDir });
	return {
		db: db as unknown as Database,
		engine: 'pglite',
		execute: async (text, params) => (await client.urgentQuery(text, params)).rows as never,
		transaction: (run) =>
			client.transaction(
				(tx) => run(async (text, params) => (await tx.query(text, params)).rows as never),
				true
			),
		listen: (channel, onPayload) => client.listen(channel, onPayload),
		close: () => client.close()
	};
}

export { schema };
