import { defineJob } from '../jobs/registry';
import type { MailMessage } from './compose';
import { deliverMail } from './deliver';

export const SEND_MAIL_JOB = 'mail.send';

defineJob<{ message: MailMessage }>(SEND_MAIL_JOB, async ({ message }, { config }) => {
	await deliverMail(config, message);
});
