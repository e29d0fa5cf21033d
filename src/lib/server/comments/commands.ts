import { and, eq } from 'drizzle-orm';
import { decodePosition } from '$lib/model/comments/anchor';
import { COMMENT_LIMITS } from '$lib/model/comments/limits';
import type { Database, Executor } from '../db';
import { comments, commentThreads } from '../db/schema';
import { generateId } from '../auth/secrets';
import { badRequest, forbidden, notFound } from '../errors';
import { noSuch } from '../id-nouns';
import { mentionedIn } from '../suggestions/comments';
import { requireString } from '../validate';
import type { CommentAccess } from './access';
import { announce, COMMENTS } from '../document-wakeups';
import { notifyCommentMentions } from './notify';
import { m } from '../../paraglide/messages.js';

/**
 * What people do with comments. Each change commits with its announcement
 * (events.ts) and its mention notifications, so an open editor, the bell and
 * the stored thread never disagree.
 */

function readBody(value: unknown): string {
	return requireString(value, m.comments_field_body(), { max: COMMENT_LIMITS.body });
}

function readAnchor(value: unknown): { start: string; end: string } {
	const anchor = (typeof value === 'object' && value !== null ? value : {}) as Record<
		string,
		unknown
	>;
	const valid = (v: unknown) => typeof v === 'string' && decodePosition(v) !== null;
	if (!valid(anchor.start) || !valid(anchor.end)) throw badRequest(m.comments_error_anchor());
	return { start: anchor.start as string, end: anchor.end as string };
}

/** The quote is for showing only: a long selection keeps its beginning. */
function readQuote(value: unknown): string {
	if (typeof value !== 'string' || value.trim().length === 0) {
		throw badRequest(m.server_field_required({ field: m.comments_field_quote() }));
	}
	const flat = value.replace(/\s+/g, ' ').trim();
	return flat.length > COMMENT_LIMITS.quote ? `${flat.slice(0, COMMENT_LIMITS.quote - 1)}…` : flat;
}

async function mentionsIn(db: Database, access: CommentAccess, body: string) {
	return mentionedIn(db, access.document.workspaceId, body);
}

/** `{anchor: {start, end}, quote, body}`: a new thread on the selected text, with its first comment. */
export async function createThread(
	db: Database,
	access: CommentAccess,
	input: Record<string, unknown>
): Promise<{ threadId: string; commentId: string }> {
	const anchor = readAnchor(input.anchor);
	const quote = readQuote(input.quote);
	const body = readBody(input.body);
	const mentioned = await mentionsIn(db, access, body);
	const threadId = generateId();
	const commentId = generateId();
	await db.transaction(async (tx) => {
		await tx.insert(commentThreads).values({
			id: threadId,
			documentId: access.document.id,
			anchorStart: anchor.start,
			anchorEnd: anchor.end,
			quote,
			createdBy: access.userId
		});
		await tx.insert(comments).values({ id: commentId, threadId, authorId: access.userId, body });
		await notifyCommentMentions(tx, access, { id: commentId, threadId, body }, mentioned);
		await announce(tx, COMMENTS, access.document.id);
	});
	return { threadId, commentId };
}

async function requireThread(db: Executor, access: CommentAccess, threadId: string) {
	const [thread] = await db
		.select({ id: commentThreads.id })
		.from(commentThreads)
		.where(and(eq(commentThreads.id, threadId), eq(commentThreads.documentId, access.document.id)));
	if (!thread) throw notFound(noSuch('thread'));
	return thread;
}

/** `{body}`: a reply at the end of the thread (resolved threads take replies too). */
export async function replyToThread(
	db: Database,
	access: CommentAccess,
	threadId: string,
	input: Record<string, unknown>
): Promise<{ commentId: string }> {
	const body = readBody(input.body);
	await requireThread(db, access, threadId);
	const mentioned = await mentionsIn(db, access, body);
	const commentId = generateId();
	await db.transaction(async (tx) => {
		await tx.insert(comments).values({ id: commentId, threadId, authorId: access.userId, body });
		await notifyCommentMentions(tx, access, { id: commentId, threadId, body }, mentioned);
		await announce(tx, COMMENTS, access.document.id);
	});
	return { commentId };
}

/**
 * `{resolved: true|false}` resolves or reopens; `{anchor}` re-anchors the
 * thread on the same words after an undo brought them back as new
 * characters (reanchorAfterUndo). Only people who edit the text re-anchor.
 */
export async function updateThread(
	db: Database,
	access: CommentAccess,
	threadId: string,
	input: Record<string, unknown>
): Promise<void> {
	const patch: Partial<typeof commentThreads.$inferInsert> = {};
	if (input.resolved !== undefined) {
		if (typeof input.resolved !== 'boolean') {
			throw badRequest(m.server_field_boolean({ field: 'resolved' }));
		}
		Object.assign(
			patch,
			input.resolved
				? { resolvedAt: new Date(), resolvedBy: access.userId }
				: { resolvedAt: null, resolvedBy: null }
		);
	}
	if (input.anchor !== undefined) {
		if (access.role === 'viewer') throw forbidden(m.comments_error_reanchor());
		const anchor = readAnchor(input.anchor);
		Object.assign(patch, { anchorStart: anchor.start, anchorEnd: anchor.end });
	}
	if (Object.keys(patch).length === 0) throw badRequest(m.comments_error_nothing());
	await requireThread(db, access, threadId);
	await db.transaction(async (tx) => {
		await tx.update(commentThreads).set(patch).where(eq(commentThreads.id, threadId));
		await announce(tx, COMMENTS, access.document.id);
	});
}

async function requireOwnComment(
	db: Executor,
	access: CommentAccess,
	threadId: string,
	commentId: string,
	refusal: () => string
) {
	await requireThread(db, access, threadId);
	const [row] = await db
		.select({ authorId: comments.authorId, deletedAt: comments.deletedAt })
		.from(comments)
		.where(and(eq(comments.id, commentId), eq(comments.threadId, threadId)));
	if (!row || row.deletedAt) throw notFound(noSuch('comment'));
	if (row.authorId !== access.userId) throw forbidden(refusal());
}

/** `{body}`: corrects your own comment; people it newly mentions are told. */
export async function editComment(
	db: Database,
	access: CommentAccess,
	threadId: string,
	commentId: string,
	input: Record<string, unknown>
): Promise<void> {
	const body = readBody(input.body);
	await requireOwnComment(db, access, threadId, commentId, m.comments_error_own_edit);
	const mentioned = await mentionsIn(db, access, body);
	await db.transaction(async (tx) => {
		await tx.update(comments).set({ body, editedAt: new Date() }).where(eq(comments.id, commentId));
		await notifyCommentMentions(tx, access, { id: commentId, threadId, body }, mentioned);
		await announce(tx, COMMENTS, access.document.id);
	});
}

/** Deletes your own comment's words; the thread and its other comments stay. */
export async function deleteComment(
	db: Database,
	access: CommentAccess,
	threadId: string,
	commentId: string
): Promise<void> {
	await requireOwnComment(db, access, threadId, commentId, m.comments_error_own_delete);
	await db.transaction(async (tx) => {
		await tx.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, commentId));
		await announce(tx, COMMENTS, access.document.id);
	});
}
