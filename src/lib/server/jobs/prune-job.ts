import { pruneJobs } from './queue';
import { defineRecurringJob } from './registry';

defineRecurringJob('jobs.prune', 60 * 60 * 1000, async ({ db }) => {
	await pruneJobs(db);
});
