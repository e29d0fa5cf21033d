import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
	ErrorFields,
	QueryResult,
	RequestBody,
	Response,
	WorkerOptions
} from './pglite-protocol';

/**
 * The server's side of the embedded engine's worker thread: the subset of
 * PGlite's interface that drizzle's PGlite driver and `openDatabase` use
 * (`query`, `transaction`, `listen`, `close`), each call a message to the
 * worker. See `pglite-worker.ts` for why the engine has a thread of its own.
 */

type Parser = (value: string, typeId?: number) => unknown;
interface QueryOptions {
	rowMode?: 'array' | 'object';
	parsers?: Record<number, Parser>;
}

export interface RemoteTransaction {
	query<T>(
		text: string,
		params?: unknown[],
		options?: QueryOptions
	): Promise<QueryResult & { rows: T[] }>;
}

/** A database error from the worker, with PostgreSQL's fields (`code`, `constraint`, …). */
export class EngineError extends Error {
	constructor(fields: ErrorFields) {
		super(fields.message);
		Object.assign(this, fields);
		this.name = fields.name && fields.name !== 'Error' ? fields.name : 'EngineError';
	}
}

/**
 * The worker: bundled next to the server as `pglite-worker.js`, or, from the
 * sources (tsx, Vite, Vitest), this folder's TypeScript, which a small
 * bootstrap has tsx compile in the worker (Node 20 does not carry the
 * parent's loader hooks into a worker).
 */
/**
 * The worker's JavaScript is small and short-lived per statement (protocol
 * buffers, result rows); a young generation of V8's default size (up to
 * 3 × 16 MB) would be kept resident for nothing.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

function startWorker(options: WorkerOptions): Worker {
	const bundled = new URL('./pglite-worker.js', import.meta.url);
	if (bundled.protocol === 'file:' && fs.existsSync(fileURLToPath(bundled))) {
		return new Worker(bundled, { workerData: options, resourceLimits: WORKER_LIMITS });
	}
	const source = new URL('./pglite-worker.ts', import.meta.url);
	if (source.protocol !== 'file:' || !fs.existsSync(fileURLToPath(source))) {
		throw new Error(`Cannot find the embedded engine's worker next to ${import.meta.url}`);
	}
	// tsx's ESM entry (a require.resolve would give its CommonJS one).
	const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
	const tsx = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
	const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); })`;
	return new Worker(bootstrap, { eval: true, workerData: options, resourceLimits: WORKER_LIMITS });
}

export class RemotePGlite {
	private readonly worker: Worker;
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (error: Error) => void }
	>();
	private readonly listeners = new Map<string, Set<(payload: string) => void>>();
	private exited: Error | null = null;

	private constructor(worker: Worker) {
		this.worker = worker;
	}

	static async create(options: WorkerOptions): Promise<RemotePGlite> {
		const worker = startWorker(options);
		const remote = new RemotePGlite(worker);
		await new Promise<void>((ready, failed) => {
			const onMessage = (message: Response) => {
				if ('ready' in message) {
					worker.off('error', failed);
					ready();
				} else if ('failed' in message) {
					failed(new EngineError(message.failed));
				}
			};
			worker.on('message', onMessage);
			worker.once('error', failed);
			worker.once('exit', (code) => failed(new Error(`the embedded engine exited (${code})`)));
		});
		worker.on('message', (message: Response) => remote.receive(message));
		worker.on('error', (error) => remote.fail(error));
		worker.on('exit', (code) => remote.fail(new Error(`the embedded engine exited (${code})`)));
		return remote;
	}

	private receive(message: Response): void {
		if ('notify' in message) {
			for (const listener of this.listeners.get(message.notify) ?? []) listener(message.payload);
			return;
		}
		if (!('ok' in message)) return;
		const waiting = this.pending.get(message.id);
		if (!waiting) return;
		this.pending.delete(message.id);
		if (message.ok) waiting.resolve(message.value);
		else waiting.reject(new EngineError(message.error));
	}

	private fail(error: Error): void {
		if (this.exited) return;
		this.exited = error;
		for (const waiting of this.pending.values()) waiting.reject(error);
		this.pending.clear();
	}

	private request<T>(request: RequestBody): Promise<T> {
		if (this.exited) return Promise.reject(this.exited);
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.worker.postMessage({ ...request, id });
		});
	}

	private async run<T>(
		tx: number | null,
		text: string,
		params: unknown[] = [],
		options: QueryOptions = {},
		priority = false
	): Promise<QueryResult & { rows: T[] }> {
		const parsers = options.parsers;
		const rawTypes = parsers ? Object.keys(parsers).map(Number) : [];
		const rowMode = options.rowMode ?? 'object';
		const result = await this.request<QueryResult & { rows: T[] }>({
			op: 'query',
			text,
			params,
			rowMode,
			rawTypes,
			tx,
			priority
		});
		if (parsers && rawTypes.length > 0) applyParsers(result, parsers, rowMode);
		return result;
	}

	query<T>(text: string, params?: unknown[], options?: QueryOptions) {
		return this.run<T>(null, text, params, options);
	}

	/** A statement that goes before other waiting work (see the worker). */
	urgentQuery<T>(text: string, params?: unknown[]) {
		return this.run<T>(null, text, params, {}, true);
	}

	async transaction<T>(
		callback: (tx: RemoteTransaction) => Promise<T>,
		priority = false
	): Promise<T> {
		const id = await this.request<number>({ op: 'begin', priority });
		let closed = false;
		const tx: RemoteTransaction = {
			query: <R>(text: string, params?: unknown[], options?: QueryOptions) => {
				if (closed) return Promise.reject(new Error('Transaction is closed'));
				return this.run<R>(id, text, params, options);
			}
		};
		let value: T;
		try {
			value = await callback(tx);
		} catch (error) {
			closed = true;
			await this.request({ op: 'end', tx: id, commit: false });
			throw error;
		}
		closed = true;
		await this.request({ op: 'end', tx: id, commit: true });
		return value;
	}

	async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
		let set = this.listeners.get(channel);
		if (!set) {
			set = new Set();
			this.listeners.set(channel, set);
			await this.request({ op: 'listen', channel });
		}
		set.add(callback);
		return async () => {
			const current = this.listeners.get(channel);
			if (!current?.delete(callback) || current.size > 0) return;
			this.listeners.delete(channel);
			await this.request({ op: 'unlisten', channel });
		};
	}

	async close(): Promise<void> {
		if (this.exited) return;
		const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
		await this.request({ op: 'close' }).catch(() => undefined);
		await exited;
	}
}

/** The caller's parsers, for the columns the worker left as text. */
function applyParsers(
	result: QueryResult,
	parsers: Record<number, Parser>,
	rowMode: 'array' | 'object'
): void {
	const columns = result.fields
		.map((field, index) => ({
			index,
			name: field.name,
			parse: parsers[field.dataTypeID],
			type: field.dataTypeID
		}))
		.filter((c) => c.parse !== undefined);
	if (columns.length === 0) return;
	for (const row of result.rows as (unknown[] | Record<string, unknown>)[]) {
		for (const column of columns) {
			if (rowMode === 'array') {
				const cells = row as unknown[];
				const value = cells[column.index];
				if (value !== null) cells[column.index] = column.parse!(value as string, column.type);
			} else {
				const record = row as Record<string, unknown>;
				const value = record[column.name];
				if (value !== null) record[column.name] = column.parse!(value as string, column.type);
			}
		}
	}
}
