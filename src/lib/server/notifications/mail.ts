import { eq } from 'drizzle-orm';
import { describeNotification } from '$lib/model/notifications';
import { publicOrigin, readConfig } from '../config';
import type { Executor } from '../db';
import { users } from '../db/schema';
import { composeMail, queueMail } from '../mail';
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

async function recipient(db: Executor, userId: string) {
	const [row] = await db
		.select({ email: users.email, name: users.name })
		.from(users)
		.where(eq(users.id, userId));
	return row ?? null;
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
	const sentence = describeNotification(notification.kind, notification.data);
	await queueMail(
		deps.db,
		composeMail({
			to: to.email,
			subject: sentence,
			heading: sentence,
			paragraphs: notification.data.excerpt ? [`“${notification.data.excerpt}”`] : [],
			action: { label: 'Open in Opsloom', url: `${origin}${notification.url}` },
			footer: `You get this mail because of your notification settings: ${settingsUrl}`,
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
	const lines = items.map((n) => `• ${describeNotification(n.kind, n.data)} ${origin}${n.url}`);
	await queueMail(
		db,
		composeMail({
			to: to.email,
			subject: `Your Opsloom digest: ${items.length} new ${items.length === 1 ? 'notification' : 'notifications'}`,
			heading: `What happened since yesterday`,
			paragraphs: lines,
			action: { label: 'Open your notifications', url: `${origin}/notifications` },
			footer: `You get one mail a day because you chose a daily digest: ${settingsUrl}`,
			unsubscribeUrl
		})
	);
}
