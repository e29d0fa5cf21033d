import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { defaultTimeZone, hourIn } from '$lib/model/dates';
import type { Database } from '../db';
import { memberships, notifications, notificationSettings, workspaces } from '../db/schema';
import { queueDigestMail } from './mail';

/** A digest covers the last day; older unread notifications are for the bell only. */
const DIGEST_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Less than a day, so a digest at 08:00 tomorrow is never skipped because today's went out at 08:04. */
const MIN_GAP_MS = 20 * 60 * 60 * 1000;

/**
 * A person's zone for the digest hour: people have no zone of their own, so
 * it is the zone of the workspace they joined first (the server's when none).
 */
async function zoneOf(db: Database, userId: string): Promise<string> {
	const [row] = await db
		.select({ timeZone: workspaces.timeZone })
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(memberships.createdAt))
		.limit(1);
	return row?.timeZone ?? defaultTimeZone();
}

/**
 * Sends each digest reader, once a day at `hour` o'clock in their zone, one
 * mail with their unread notifications of the last day that no mail told of
 * yet. Safe to run often: outside the hour, or after today's digest, it does
 * nothing.
 */
export async function sendDigests(
	deps: { db: Database },
	hour: number,
	now: Date = new Date()
): Promise<number> {
	const readers = await deps.db
		.select({
			userId: notificationSettings.userId,
			lastDigestAt: notificationSettings.lastDigestAt
		})
		.from(notificationSettings)
		.where(eq(notificationSettings.digest, true));
	let sent = 0;
	for (const reader of readers) {
		if (reader.lastDigestAt && now.getTime() - reader.lastDigestAt.getTime() < MIN_GAP_MS) continue;
		if (hourIn(await zoneOf(deps.db, reader.userId), now) !== hour) continue;
		const mailed = await deps.db.transaction(async (tx) => {
			const pending = await tx
				.select()
				.from(notifications)
				.where(
					and(
						eq(notifications.recipientId, reader.userId),
						eq(notifications.mailWanted, true),
						isNull(notifications.mailedAt),
						isNull(notifications.readAt),
						gt(notifications.createdAt, new Date(now.getTime() - DIGEST_WINDOW_MS))
					)
				)
				.orderBy(asc(notifications.id))
				.for('update', { skipLocked: true });
			if (pending.length === 0) return false;
			await queueDigestMail(tx, reader.userId, pending);
			await tx
				.update(notifications)
				.set({ mailedAt: now })
				.where(
					inArray(
						notifications.id,
						pending.map((n) => n.id)
					)
				);
			await tx
				.update(notificationSettings)
				.set({ lastDigestAt: now })
				.where(eq(notificationSettings.userId, reader.userId));
			return true;
		});
		if (mailed) sent += 1;
	}
	return sent;
}
