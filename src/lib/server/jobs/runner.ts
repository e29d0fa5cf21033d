import { log } from '../log';
import { claimJobs, completeJob, enqueueJob, failJob, setRunnerNudge } from './queue';
import { jobHandler, jobKinds, recurringJobs, type JobDeps } from './registry';
import './definitions';

/** A job still running after this is assumed lost with its process; another may take it. */
const LEASE_MS = 5 * 60 * 1000;
/** Jobs taken per look; the rest wait for the next one (which follows at once while there is more). */
const BATCH = 20;

/**
 * Works the job table: every `pollMs`, or soon after this process queued
 * something, it claims due jobs and runs them one after another. One runner per
 * process; several processes on one PostgreSQL database share the queue.
 */
export class JobRunner {
	private timer: ReturnType<typeof setTimeout> | null = null;
	private running: Promise<number> | null = null;
	private stopped = true;
	private lastSlot = new Map<string, number>();

	constructor(
		private readonly deps: JobDeps,
		private readonly pollMs: number
	) {}

	start(): void {
		if (!this.stopped) return;
		this.stopped = false;
		setRunnerNudge(() => this.schedule(20));
		this.schedule(0);
	}

	/** Stops looking for work and waits for the job in hand to finish. */
	async stop(): Promise<void> {
		this.stopped = true;
		setRunnerNudge(null);
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		await this.running?.catch(() => {});
	}

	/** Runs everything due now, including recurring slots that have begun; resolves with how many jobs ran. */
	async runNow(): Promise<number> {
		while (this.running) await this.running.catch(() => {});
		this.running = this.work();
		try {
			return await this.running;
		} finally {
			this.running = null;
		}
	}

	private schedule(delay: number): void {
		if (this.stopped) return;
		if (this.timer) {
			if (delay >= this.pollMs) return;
			clearTimeout(this.timer);
		}
		this.timer = setTimeout(() => {
			this.timer = null;
			this.runNow()
				.then((ran) => this.schedule(ran >= BATCH ? 0 : this.pollMs))
				.catch((error: unknown) => {
					log.error('job runner failed', { error });
					this.schedule(this.pollMs);
				});
		}, delay);
	}

	private async work(): Promise<number> {
		await this.enqueueRecurring();
		const claimed = await claimJobs(this.deps.db, jobKinds(), BATCH, LEASE_MS);
		for (const job of claimed) {
			const handler = jobHandler(job.kind);
			try {
				if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
				await handler(job.payload, this.deps);
				await completeJob(this.deps.db, job.id);
			} catch (error) {
				const outcome = await failJob(this.deps.db, job, error);
				log[outcome === 'failed' ? 'error' : 'warn']('job failed', {
					jobId: job.id,
					kind: job.kind,
					attempt: job.attempts,
					outcome,
					error,
					...documentOf(job.payload)
				});
			}
		}
		return claimed.length;
	}

	private async enqueueRecurring(): Promise<void> {
		const now = Date.now();
		for (const job of recurringJobs()) {
			const everyMs = typeof job.everyMs === 'number' ? job.everyMs : job.everyMs(this.deps.config);
			const slot = Math.floor(now / everyMs);
			if (this.lastSlot.get(job.kind) === slot) continue;
			await enqueueJob(
				this.deps.db,
				job.kind,
				{},
				{
					key: `${job.kind}@${slot}`,
					runAt: new Date(slot * everyMs),
					// A missed slot is not worth retrying for long: the next one comes.
					maxAttempts: 3
				}
			);
			this.lastSlot.set(job.kind, slot);
		}
	}
}

function documentOf(payload: Record<string, unknown>): Record<string, unknown> {
	return typeof payload.documentId === 'string' ? { documentId: payload.documentId } : {};
}
