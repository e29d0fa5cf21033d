import { publicOrigin } from '../config';
import { log } from '../log';
import type { Runtime } from '../runtime';
import { JobRunner } from './runner';

export { enqueueJob, type EnqueueOptions } from './queue';
export { defineJob, defineRecurringJob, type JobDeps } from './registry';

const KEY = Symbol.for('opsloom.jobs.runner');
type Holder = { [KEY]?: JobRunner };

/**
 * Starts this process's one job runner. Like the runtime, it is kept on
 * globalThis: the bundled app and the source-loaded server are two copies of
 * this module in one process, and only one of them may work the queue.
 */
export function startJobs(runtime: Runtime): JobRunner {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		holder[KEY] = new JobRunner(
			{
				db: runtime.db,
				config: runtime.config,
				origin: publicOrigin(runtime.config),
				get sync() {
					return runtime.sync;
				}
			},
			runtime.config.jobsPollMs
		);
		holder[KEY].start();
		log.debug('background jobs started', { pollMs: runtime.config.jobsPollMs });
	}
	return holder[KEY];
}

export async function stopJobs(): Promise<void> {
	const holder = globalThis as Holder;
	const runner = holder[KEY];
	delete holder[KEY];
	await runner?.stop();
}
