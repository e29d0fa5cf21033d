import type { Executor } from '../db';
import { enqueueJob } from '../jobs/queue';
import type { MailMessage } from './compose';
import { SEND_MAIL_JOB } from './send-job';

export { composeMail, type MailContent, type MailMessage } from './compose';
export { outboxDir } from './deliver';

/**
 * Queues a mail in the caller's transaction: it is sent only if the change
 * that asks for it commits, and a mail server that is down delays it (with
 * retries) instead of failing the person's request.
 */
export async function queueMail(db: Executor, message: MailMessage): Promise<void> {
	await enqueueJob(db, SEND_MAIL_JOB, { message });
}
