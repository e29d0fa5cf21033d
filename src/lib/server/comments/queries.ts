import { asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ThreadView } from '$lib/model/comments/view';
import type { Executor } from '../db';
import { comments, commentThreads, users } from '../db/schema';

const resolver = alias(users, 'resolver');

/**
 * A document's threads, oldest first, each with its comments in order. A
 * thread whose every comment was deleted is gone from the list; one with a
 * deleted first comment stays for its replies.
 */
export async function listThreads(
	db: Executor,
	documentId: string,
	readerId: string
): Promise<ThreadView[]> {
	const threads = await db
		.select({
			id: commentThreads.id,
			anchorStart: commentThreads.anchorStart,
			anchorEnd: commentThreads.anchorEnd,
			quote: commentThreads.quote,
			createdAt: commentThreads.createdAt,
			resolvedAt: commentThreads.resolvedAt,
			resolvedBy: commentThreads.resolvedBy,
			resolverName: resolver.name
		})
		.from(commentThreads)
		.leftJoin(resolver, eq(resolver.id, commentThreads.resolvedBy))
		.where(eq(commentThreads.documentId, documentId))
		.orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
	if (threads.length === 0) return [];
	const rows = await db
		.select({
			id: comments.id,
			threadId: comments.threadId,
			authorId: comments.authorId,
			authorName: users.name,
			body: comments.body,
			createdAt: comments.createdAt,
			editedAt: comments.editedAt,
			deletedAt: comments.deletedAt
		})
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(
			inArray(
				comments.threadId,
				threads.map((t) => t.id)
			)
		)
		.orderBy(asc(comments.createdAt), asc(comments.id));
	const byThread = new Map<string, ThreadView['comments']>();
	for (const row of rows) {
		const deleted = row.deletedAt !== null;
		const list = byThread.get(row.threadId) ?? [];
		list.push({
			id: row.id,
			author: row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null,
			body: deleted ? null : row.body,
			deleted,
			mine: row.authorId === readerId && !deleted,
			createdAt: row.createdAt.toISOString(),
			editedAt: row.editedAt?.toISOString() ?? null
		});
		byThread.set(row.threadId, list);
	}
	return threads.flatMap((t) => {
		const list = byThread.get(t.id) ?? [];
		if (list.every((c) => c.deleted)) return [];
		return [
			{
				id: t.id,
				anchor: { start: t.anchorStart, end: t.anchorEnd },
				quote: t.quote,
				createdAt: t.createdAt.toISOString(),
				resolved: t.resolvedAt
					? {
							at: t.resolvedAt.toISOString(),
							by: t.resolvedBy && t.resolverName ? { id: t.resolvedBy, name: t.resolverName } : null
						}
					: null,
				comments: list
			}
		];
	});
}
