import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { jobs } from '../db/schema';

export interface EnqueueOptions {
	/** Not before this time (default: now). */
	runAt?: Date;
	/** Unique: a job with the same key that already exists keeps its place, and this one is dropped. */
	key?: string;
	/** Tries before the job is marked failed (default 8, about a day of backoff). */
	maxAttempts?: number;
}

export interface ClaimedJob {
	id: number;
	kind: string;
	payload: Record<string, unknown>;
	attempts: number;
	maxAttempts: number;
}

/**
 * Adds a job in the caller's transaction, so the work is queued exactly when
 * the change that asks for it commits. Returns whether a row was added (false
 * when the key already existed).
 */
export async function enqueueJob(
	db: Executor,
	kind: string,
	payload: Record<string, unknown> = {},
	options: EnqueueOptions = {}
): Promise<boolean> {
	const inserted = await db
		.insert(jobs)
		.values({
			kind,
			payload,
			key: options.key ?? null,
			runAt: options.runAt ?? new Date(),
			maxAttempts: options.maxAttempts ?? 8
		})
		.onConflictDoNothing({ target: jobs.key })
		.returning({ id: jobs.id });
	if (inserted.length > 0) nudgeRunner();
	return inserted.length > 0;
}

/**
 * Takes up to `limit` due jobs for `leaseMs`. SKIP LOCKED lets several
 * processes claim at once without waiting for or taking each other's rows;
 * the lease (not the row lock, which ends with this statement) keeps a claimed
 * job from being claimed again while it runs.
 */
export async function claimJobs(
	db: Executor,
	kinds: string[],
	limit: number,
	leaseMs: number
): Promise<ClaimedJob[]> {
	if (kinds.length === 0) return [];
	const rows = await db.execute<{
		id: string | number;
		kind: string;
		payload: Record<string, unknown>;
		attempts: number;
		max_attempts: number;
	}>(sql`
		update ${jobs} set
			locked_until = now() + ${leaseMs} * interval '1 millisecond',
			attempts = attempts + 1
		where id in (
			select id from ${jobs}
			where done_at is null and failed_at is null and run_at <= now()
				and (locked_until is null or locked_until < now())
				and kind in (${sql.join(
					kinds.map((k) => sql`${k}`),
					sql`, `
				)})
			order by run_at, id
			limit ${limit}
			for update skip locked
		)
		returning id, kind, payload, attempts, max_attempts`);
	const list = Array.isArray(rows) ? rows : (rows as { rows: typeof rows }).rows;
	return (list as unknown as Array<Record<string, unknown>>).map((r) => ({
		id: Number(r.id),
		kind: String(r.kind),
		payload: (r.payload ?? {}) as Record<string, unknown>,
		attempts: Number(r.attempts),
		maxAttempts: Number(r.max_attempts)
	}));
}

export async function completeJob(db: Executor, id: number): Promise<void> {
	await db.execute(
		sql`update ${jobs} set done_at = now(), locked_until = null, last_error = null where id = ${id}`
	);
}

/** Backoff after the nth failed try: 10 s, 20 s, 40 s … at most an hour. */
export function retryDelayMs(attempts: number): number {
	return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

export async function failJob(
	db: Executor,
	job: ClaimedJob,
	error: unknown
): Promise<'retry' | 'failed'> {
	const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
	if (job.attempts >= job.maxAttempts) {
		await db.execute(
			sql`update ${jobs} set failed_at = now(), locked_until = null, last_error = ${message} where id = ${job.id}`
		);
		return 'failed';
	}
	const delay = retryDelayMs(job.attempts);
	await db.execute(sql`
		update ${jobs} set locked_until = null, last_error = ${message},
			run_at = now() + ${delay} * interval '1 millisecond'
		where id = ${job.id}`);
	return 'retry';
}

/** Finished jobs are kept a week (their keys keep deduplicating), then deleted. */
export async function pruneJobs(
	db: Executor,
	olderThanMs = 7 * 24 * 60 * 60 * 1000
): Promise<void> {
	await db.execute(sql`
		delete from ${jobs}
		where (done_at is not null or failed_at is not null)
			and coalesce(done_at, failed_at) < now() - ${olderThanMs} * interval '1 millisecond'`);
}

type Nudge = () => void;
const NUDGE = Symbol.for('opsloom.jobs.nudge');

/** Lets a runner in this process look for work soon after a job was queued, instead of at its next poll. */
export function setRunnerNudge(nudge: Nudge | null): void {
	(globalThis as { [NUDGE]?: Nudge | null })[NUDGE] = nudge;
}

function nudgeRunner(): void {
	(globalThis as { [NUDGE]?: Nudge | null })[NUDGE]?.();
}
