import { eq } from 'drizzle-orm';
import { describeNotification } from '$lib/model/notifications';
import { publicOrigin, readConfig } from '../config';
import type { Executor } from '../db';
import { users } from '../db/schema';
import { composeMail, queueMail } from '../mail';
import { m } from '../../paraglide/messages.js';
import { pickLocale, requestLocale } from '../recipient-locale';
import type { CreatedNotification } from './commands';
import { createUnsubscribeToken, type UnsubscribeScope } from './unsubscribe';

/**
 * Links in notification mails use ORIGIN (or where the server listens): a
 * notification may come from the sync server or a job, with no request whose
 * origin could be used. Set ORIGIN in production.
 */
export function mailOrigin(): string {
	return publicOrigin(readConfig());
}

/**
 * Who a mail goes to, and in which language: their saved one. Someone who
 * follows their browser's language has none saved, and a mail cannot ask the
 * browser; the request that caused the mail stands in for it (a colleague's
 * action, in the team's usual language), else English from a background job.
 */
async function recipient(db: Executor, userId: string) {
	const [row] = await db
		.select({ email: users.email, name: users.name, locale: users.locale })
		.from(users)
		.where(eq(users.id, userId));
	return row ? { ...row, locale: pickLocale(row.locale, requestLocale()) } : null;
}

async function links(db: Executor, userId: string, scope: UnsubscribeScope) {
	const origin = mailOrigin();
	const token = await createUnsubscribeToken(db, userId, scope);
	return {
		origin,
		unsubscribeUrl: `${origin}/unsubscribe/${token}`,
		settingsUrl: `${origin}/settings/notifications`
	};
}

/** One notification as one mail, queued in the caller's transaction. */
export async function queueNotificationMail(
	deps: { db: Executor },
	notification: CreatedNotification
): Promise<void> {
	const to = await recipient(deps.db, notification.recipientId);
	if (!to) return;
	const { origin, unsubscribeUrl, settingsUrl } = await links(
		deps.db,
		notification.recipientId,
		notification.kind
	);
	const options = { locale: to.locale };
	const sentence = describeNotification(notification.kind, notification.data, to.locale);
	const excerpt = notification.data.excerpt;
	await queueMail(
		deps.db,
		composeMail({
			to: to.email,
			locale: to.locale,
			subject: sentence,
			heading: sentence,
			paragraphs: excerpt ? [m.server_mail_excerpt({ excerpt }, options)] : [],
			action: {
				label: m.server_mail_notification_action({}, options),
				url: `${origin}${notification.url}`
			},
			footer: m.server_mail_notification_footer({ settingsUrl }, options),
			unsubscribeUrl
		})
	);
}

/** Several notifications as one daily mail. */
export async function queueDigestMail(
	db: Executor,
	userId: string,
	items: CreatedNotification[]
): Promise<void> {
	const to = await recipient(db, userId);
	if (!to || items.length === 0) return;
	const { origin, unsubscribeUrl, settingsUrl } = await links(db, userId, 'all');
	const options = { locale: to.locale };
	const lines = items.map(
		(n) => `• ${describeNotification(n.kind, n.data, to.locale)} ${origin}${n.url}`
	);
	await queueMail(
		db,
		composeMail({
			to: to.email,
			locale: to.locale,
			subject:
				items.length === 1
					? m.server_mail_digest_subject_one({}, options)
					: m.server_mail_digest_subject({ count: items.length }, options),
			heading: m.server_mail_digest_heading({}, options),
			paragraphs: lines,
			action: {
				label: m.server_mail_digest_action({}, options),
				url: `${origin}/notifications`
			},
			footer: m.server_mail_digest_footer({ settingsUrl }, options),
			unsubscribeUrl
		})
	);
}
