import type { Config } from '../config';
import type { Database } from '../db';
import type { SyncHub } from '../runtime';

/** What every job handler gets: one object, so adding a dependency changes no signature. */
export interface JobDeps {
	db: Database;
	config: Config;
	/** The public origin for links in mails (ORIGIN, or where the server listens). */
	origin: string;
	sync: SyncHub | null;
}

export type JobHandler = (payload: Record<string, unknown>, deps: JobDeps) => Promise<void>;

export interface RecurringJob {
	kind: string;
	/** The slot length, or how to read it from the configuration (read when the runner runs, not at import). */
	everyMs: number | ((config: Config) => number);
	handler: (deps: JobDeps) => Promise<void>;
}

const handlers = new Map<string, JobHandler>();
const recurring = new Map<string, RecurringJob>();

/**
 * Declares what a kind of job does (a module loaded again, as in dev, redefines it). Handlers must be safe to run twice: a
 * process that dies after the work but before marking it done leaves the job
 * to be retried elsewhere.
 */
export function defineJob<P extends Record<string, unknown>>(
	kind: string,
	handler: (payload: P, deps: JobDeps) => Promise<void>
): void {
	handlers.set(kind, handler as JobHandler);
}

/**
 * A job that runs once per slot of `everyMs` (slots are counted from the Unix
 * epoch), across however many processes: each enqueues the slot under the
 * same key and the database keeps one.
 */
export function defineRecurringJob(
	kind: string,
	everyMs: number | ((config: Config) => number),
	handler: (deps: JobDeps) => Promise<void>
): void {
	recurring.set(kind, { kind, everyMs, handler });
	handlers.set(kind, (_payload, deps) => handler(deps));
}

export function jobHandler(kind: string): JobHandler | undefined {
	return handlers.get(kind);
}

export function jobKinds(): string[] {
	return [...handlers.keys()];
}

export function recurringJobs(): RecurringJob[] {
	return [...recurring.values()];
}
