import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { NotificationData, NotificationKind } from '$lib/model/notifications';
import type { Executor } from '../db';
import { notifications } from '../db/schema';
import { badRequest } from '../errors';
import { announce } from './events';
import { queueNotificationMail } from './mail';
import { getPreferencesOf } from './preferences';
import { m } from '../../paraglide/messages.js';

export interface NotificationInput {
	recipientId: string;
	workspaceId: string | null;
	kind: NotificationKind;
	/** Who did it; null for the clock (sweeps) or someone the server cannot name. */
	actorId: string | null;
	/** Names the event for this recipient, e.g. `task_due:<taskId>:<dueDate>`. */
	dedupeKey: string;
	url: string;
	data: NotificationData;
}

export interface NotifyDeps {
	/** The caller's transaction: the notification commits with the change it tells of. */
	db: Executor;
}

export type CreatedNotification = typeof notifications.$inferSelect;

/**
 * Records notifications and queues their single mails, in the caller's
 * transaction. Nobody is notified of their own action; a kind switched off
 * records nothing; an event already notified (same recipient and dedupe key)
 * is skipped. Open streams hear of it when the transaction commits
 * (events.ts). Returns the rows created.
 */
export async function notify(
	deps: NotifyDeps,
	inputs: NotificationInput[]
): Promise<CreatedNotification[]> {
	const wanted = inputs.filter((n) => n.recipientId !== n.actorId);
	if (wanted.length === 0) return [];
	const preferences = await getPreferencesOf(
		deps.db,
		wanted.map((n) => n.recipientId)
	);
	const rows = wanted.flatMap((n) => {
		const channel = preferences.get(n.recipientId)!.channels[n.kind];
		return channel === 'off' ? [] : [{ ...n, mailWanted: channel === 'email' }];
	});
	if (rows.length === 0) return [];
	const created = await deps.db
		.insert(notifications)
		.values(rows)
		.onConflictDoNothing({ target: [notifications.recipientId, notifications.dedupeKey] })
		.returning();
	const single = created.filter((n) => n.mailWanted && !preferences.get(n.recipientId)!.digest);
	for (const notification of single) await queueNotificationMail(deps, notification);
	if (single.length > 0) {
		await deps.db
			.update(notifications)
			.set({ mailedAt: new Date() })
			.where(
				inArray(
					notifications.id,
					single.map((n) => n.id)
				)
			);
	}
	await announce(
		deps.db,
		created.map((n) => n.recipientId)
	);
	return created;
}

/** Marks `{ids: [...]}` or `{all: true}` of the caller's notifications read; returns how many changed. */
export async function markRead(db: Executor, recipientId: string, input: unknown): Promise<number> {
	if (typeof input !== 'object' || input === null)
		throw badRequest(m.server_notif_send_ids_or_all());
	const { ids, all } = input as Record<string, unknown>;
	const mine = and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt));
	let where;
	if (all === true) {
		if (ids !== undefined) throw badRequest(m.server_notif_ids_or_all());
		where = mine;
	} else if (all !== undefined) {
		throw badRequest(m.server_notif_all_true());
	} else {
		if (!Array.isArray(ids) || ids.length === 0 || ids.length > 500) {
			throw badRequest(m.server_notif_ids_list());
		}
		if (!ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) {
			throw badRequest(m.server_notif_ids_numbers());
		}
		where = and(mine, inArray(notifications.id, ids as number[]));
	}
	const changed = await db
		.update(notifications)
		.set({ readAt: sql`now()` })
		.where(where)
		.returning({ id: notifications.id });
	// Other tabs update their count.
	if (changed.length > 0) await announce(db, [recipientId]);
	return changed.length;
}
