import { lt, sql } from 'drizzle-orm';
import { taskEvents } from '../db/schema';
import { TASK_EVENT_RETENTION_MS } from '../task-events';
import { pruneJobs } from './queue';
import { defineRecurringJob } from './registry';

defineRecurringJob('jobs.prune', 60 * 60 * 1000, async ({ db }) => {
	await pruneJobs(db);
	await db
		.delete(taskEvents)
		.where(
			lt(taskEvents.createdAt, sql`now() - ${TASK_EVENT_RETENTION_MS} * interval '1 millisecond'`)
		);
});
