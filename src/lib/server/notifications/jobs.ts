import type { Config } from '../config';
import { defineRecurringJob } from '../jobs/registry';
import { log } from '../log';
import { sendDigests } from './digest';
import { sweepDueTasks } from './sweeps';

/*
 * The clock's notifications. Both run every NOTIFICATIONS_SWEEP_MS (a minute
 * by default): each is one small query when there is nothing to do, and a
 * short interval means "due tomorrow" arrives within a minute of midnight in
 * every workspace's zone. Tests shorten it to see a sweep promptly.
 */
const notificationSweepMs = (config: Config) => config.notificationSweepMs;

defineRecurringJob('notifications.sweep-due', notificationSweepMs, async ({ db }) => {
	const created = await sweepDueTasks({ db });
	if (created.length > 0) log.debug('due-date reminders', { count: created.length });
});

defineRecurringJob('notifications.digest', notificationSweepMs, async ({ db, config }) => {
	const sent = await sendDigests({ db }, config.digestHour);
	if (sent > 0) log.debug('digests queued', { count: sent });
});
