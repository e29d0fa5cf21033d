import { and, count, desc, eq, gt, isNull, lt, asc, type SQL } from 'drizzle-orm';
import {
	describeNotification,
	type NotificationData,
	type NotificationKind
} from '$lib/model/notifications';
import type { AppLocale } from '../../i18n/locales';
import type { Executor } from '../db';
import { notifications } from '../db/schema';
import { badRequest } from '../errors';
import { m } from '../../paraglide/messages.js';

/** A notification as the bell, the page and the API show it. */
export interface NotificationView {
	id: number;
	kind: NotificationKind;
	/** One sentence: who did what, where. */
	text: string;
	url: string;
	workspaceId: string | null;
	actorId: string | null;
	data: NotificationData;
	createdAt: Date;
	readAt: Date | null;
}

/** A stored notification as `locale`'s reader sees it: the sentence is written at read time. */
export function toView(
	row: typeof notifications.$inferSelect,
	locale: AppLocale
): NotificationView {
	return {
		id: row.id,
		kind: row.kind,
		text: describeNotification(row.kind, row.data, locale),
		url: row.url,
		workspaceId: row.workspaceId,
		actorId: row.actorId,
		data: row.data,
		createdAt: row.createdAt,
		readAt: row.readAt
	};
}

export interface ListOptions {
	unread?: boolean;
	/** Only notifications older than this id (the previous page's `nextCursor`). */
	before?: number;
	limit?: number;
}

export const MAX_PAGE = 100;

/** Reads `?unread=true&before=<id>&limit=<n>`. */
export function readListOptions(params: URLSearchParams): ListOptions {
	const options: ListOptions = {};
	const unread = params.get('unread');
	if (unread !== null) {
		if (unread !== 'true' && unread !== 'false')
			throw badRequest(m.server_field_boolean({ field: 'unread' }));
		options.unread = unread === 'true';
	}
	const before = params.get('before');
	if (before !== null) {
		const n = Number(before);
		if (!Number.isSafeInteger(n) || n < 1) throw badRequest(m.server_notif_before());
		options.before = n;
	}
	const limit = params.get('limit');
	if (limit !== null) {
		const n = Number(limit);
		if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
			throw badRequest(
				m.server_field_whole_number_range({ field: 'limit', min: 1, max: MAX_PAGE })
			);
		}
		options.limit = n;
	}
	return options;
}

/**
 * Newest first, a page at a time; `nextCursor` is null on the last page.
 * Sentences are in `locale`, the reader's language.
 */
export async function listNotifications(
	db: Executor,
	recipientId: string,
	locale: AppLocale,
	options: ListOptions = {}
): Promise<{ notifications: NotificationView[]; nextCursor: number | null; unreadCount: number }> {
	const limit = options.limit ?? 30;
	const conditions: SQL[] = [eq(notifications.recipientId, recipientId)];
	if (options.unread) conditions.push(isNull(notifications.readAt));
	if (options.before) conditions.push(lt(notifications.id, options.before));
	const rows = await db
		.select()
		.from(notifications)
		.where(and(...conditions))
		.orderBy(desc(notifications.id))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	return {
		notifications: page.map((row) => toView(row, locale)),
		nextCursor: rows.length > limit ? page[page.length - 1].id : null,
		unreadCount: await countUnread(db, recipientId)
	};
}

export async function countUnread(db: Executor, recipientId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
	return Number(row.n);
}

/** What a stream has not sent yet, oldest first: after `afterId`, at most `limit`. */
export async function listAfter(
	db: Executor,
	recipientId: string,
	locale: AppLocale,
	afterId: number,
	limit = MAX_PAGE
): Promise<NotificationView[]> {
	const rows = await db
		.select()
		.from(notifications)
		.where(and(eq(notifications.recipientId, recipientId), gt(notifications.id, afterId)))
		.orderBy(asc(notifications.id))
		.limit(limit);
	return rows.map((row) => toView(row, locale));
}

/** The newest id of a person's notifications (0 when none): where a fresh stream starts. */
export async function latestId(db: Executor, recipientId: string): Promise<number> {
	const [row] = await db
		.select({ id: notifications.id })
		.from(notifications)
		.where(eq(notifications.recipientId, recipientId))
		.orderBy(desc(notifications.id))
		.limit(1);
	return row?.id ?? 0;
}
