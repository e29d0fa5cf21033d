import { asc, eq } from 'drizzle-orm';
import { SUGGESTION_LIMITS } from '$lib/model/suggestions';
import type { Database } from '../db';
import {
	memberships,
	suggestionComments,
	suggestionFollowers,
	suggestions,
	users
} from '../db/schema';
import { generateId } from '../auth/secrets';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import {
	notifySuggestionMentions,
	notifySuggestionReply
} from '../notifications/suggestion-triggers';
import { requireSuggestionAccess, type SuggestionAccess } from './access';
import { isWriter } from './anonymity';
import { lockSuggestion } from './commands';
import type { SuggestionDeps } from './deps';
import { recordEvent } from './events';
import { fieldError, optionalText, requireBoolean, requireText } from './fields';
import { m } from '$lib/paraglide/messages';
import { spendAllowance } from './limits';

export interface CommentView {
	id: string;
	/** Null for the author of an anonymous suggestion: shown as "the author". */
	author: { id: string; name: string } | null;
	/** Written by the suggestion's author (named or not). */
	byAuthor: boolean;
	/** The caller wrote it: they may edit and delete it. */
	mine: boolean;
	/** Null when deleted, or hidden from the caller. */
	body: string | null;
	deleted: boolean;
	hidden: { reason: string | null } | null;
	createdAt: Date;
	editedAt: Date | null;
}

export async function listComments(
	db: Database,
	access: SuggestionAccess,
	suggestion: { id: string; anonymous: boolean; authorId: string | null; authorName: string | null }
): Promise<CommentView[]> {
	const rows = await db
		.select({
			id: suggestionComments.id,
			authorId: suggestionComments.authorId,
			authorName: users.name,
			bySuggestionAuthor: suggestionComments.bySuggestionAuthor,
			body: suggestionComments.body,
			createdAt: suggestionComments.createdAt,
			editedAt: suggestionComments.editedAt,
			deletedAt: suggestionComments.deletedAt,
			hiddenAt: suggestionComments.hiddenAt,
			hiddenReason: suggestionComments.hiddenReason
		})
		.from(suggestionComments)
		.leftJoin(users, eq(users.id, suggestionComments.authorId))
		.where(eq(suggestionComments.suggestionId, suggestion.id))
		.orderBy(asc(suggestionComments.createdAt), asc(suggestionComments.id));
	const viewerWrote = await isWriter(db, suggestion.id, access.userId);
	return rows.map((row) => {
		const anonymousAuthor = row.bySuggestionAuthor && suggestion.anonymous;
		const mine = anonymousAuthor ? viewerWrote : row.authorId === access.userId;
		// Signed since: the author's earlier comments take the name they signed with.
		const author = anonymousAuthor
			? null
			: row.bySuggestionAuthor && suggestion.authorId && suggestion.authorName
				? { id: suggestion.authorId, name: suggestion.authorName }
				: row.authorId && row.authorName
					? { id: row.authorId, name: row.authorName }
					: null;
		const seesHidden = access.moderator || mine;
		const deleted = row.deletedAt !== null;
		return {
			id: row.id,
			author,
			byAuthor: row.bySuggestionAuthor,
			mine,
			body: deleted || (row.hiddenAt && !seesHidden) ? null : row.body,
			deleted,
			hidden: row.hiddenAt ? { reason: row.hiddenReason } : null,
			createdAt: row.createdAt,
			editedAt: row.editedAt
		};
	});
}

/** Members named after an `@` in the text: the longest name that matches, ending at a word boundary. */
export async function mentionedIn(
	db: Database,
	workspaceId: string,
	body: string
): Promise<string[]> {
	if (!body.includes('@')) return [];
	const members = await db
		.select({ id: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workspaceId, workspaceId));
	const byLength = members
		.filter((m) => m.name.trim())
		.sort((a, b) => b.name.length - a.name.length);
	const found = new Set<string>();
	const lower = body.toLowerCase();
	for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
		const following = lower.slice(at + 1, at + 102);
		const member = byLength.find((m) => {
			const name = m.name.toLowerCase();
			return following.startsWith(name) && !/[\p{L}\p{N}]/u.test(following.charAt(name.length));
		});
		if (member) found.add(member.id);
	}
	return [...found];
}

function excerptOf(body: string): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

export async function addComment(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	suggestionId: string,
	input: Record<string, unknown>
): Promise<string> {
	const body = requireText(input.body, 'body', SUGGESTION_LIMITS.comment);
	const mentioned = await mentionedIn(deps.db, access.workspaceId, body);
	await spendAllowance(deps.db, 'comment', access.userId);
	const id = generateId();
	await deps.db.transaction(async (tx) => {
		const row = await lockSuggestion(tx, access, suggestionId);
		if (row.hiddenAt && !access.moderator) throw conflict(m.suggestions_error_comment_hidden());
		if (row.mergedIntoId) throw conflict(m.suggestions_error_comment_merged());
		const byAuthor = await isWriter(tx, suggestionId, access.userId);
		const shown = !(byAuthor && row.anonymous);
		await tx.insert(suggestionComments).values({
			id,
			suggestionId,
			authorId: shown ? access.userId : null,
			bySuggestionAuthor: byAuthor,
			body
		});
		const now = new Date();
		await tx
			.update(suggestions)
			.set({ updatedAt: now, ...(access.moderator ? { attendedAt: now } : {}) })
			.where(eq(suggestions.id, suggestionId));
		if (!byAuthor) {
			await tx
				.insert(suggestionFollowers)
				.values({ suggestionId, userId: access.userId })
				.onConflictDoNothing();
		}
		await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId,
			kind: 'comment',
			actorId: null,
			data: { commentId: id }
		});
		const actor = { userId: access.userId, shown };
		const excerpt = excerptOf(body);
		await notifySuggestionReply({ db: tx }, suggestionId, actor, id, excerpt);
		await notifySuggestionMentions({ db: tx }, suggestionId, actor, id, mentioned, excerpt);
	});
	return id;
}

async function loadComment(db: Database, commentId: string, userId: string) {
	const [row] = await db
		.select({
			id: suggestionComments.id,
			suggestionId: suggestionComments.suggestionId,
			authorId: suggestionComments.authorId,
			bySuggestionAuthor: suggestionComments.bySuggestionAuthor,
			workspaceId: suggestions.workspaceId,
			anonymous: suggestions.anonymous,
			deletedAt: suggestionComments.deletedAt
		})
		.from(suggestionComments)
		.innerJoin(suggestions, eq(suggestions.id, suggestionComments.suggestionId))
		.where(eq(suggestionComments.id, commentId));
	if (!row || row.deletedAt) throw notFound(m.suggestions_error_comment_not_found());
	const access = await requireSuggestionAccess(db, row.workspaceId, userId);
	const mine =
		row.authorId === userId ||
		(row.bySuggestionAuthor && (await isWriter(db, row.suggestionId, userId)));
	return { row, access, mine };
}

/** Edits your own comment's text, or (moderators) hides or shows a comment. */
export async function updateComment(
	deps: SuggestionDeps,
	commentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<{ suggestionId: string; workspaceId: string }> {
	const { row, access, mine } = await loadComment(deps.db, commentId, userId);
	const patch: Partial<typeof suggestionComments.$inferInsert> = {};
	if (input.body !== undefined) {
		if (!mine) throw forbidden(m.suggestions_error_own_comment_edit());
		patch.body = requireText(input.body, 'body', SUGGESTION_LIMITS.comment);
		patch.editedAt = new Date();
	}
	if (input.hidden !== undefined) {
		const hidden = requireBoolean(input.hidden, 'hidden');
		if (!access.moderator) throw forbidden(m.suggestions_error_hide_comment_moderators());
		const reason = optionalText(input.hiddenReason, 'hiddenReason', SUGGESTION_LIMITS.note);
		if (hidden && !reason) throw fieldError('hiddenReason', m.suggestions_error_say_why);
		patch.hiddenAt = hidden ? new Date() : null;
		patch.hiddenReason = hidden ? reason : null;
	}
	if (Object.keys(patch).length === 0) throw badRequest(m.suggestions_error_comment_nothing());
	await deps.db.transaction(async (tx) => {
		await tx.update(suggestionComments).set(patch).where(eq(suggestionComments.id, commentId));
		await recordEvent(tx, {
			workspaceId: row.workspaceId,
			suggestionId: row.suggestionId,
			kind: 'comment',
			actorId: null,
			data: { commentId }
		});
	});
	return { suggestionId: row.suggestionId, workspaceId: row.workspaceId };
}

export async function deleteComment(
	deps: SuggestionDeps,
	commentId: string,
	userId: string
): Promise<void> {
	const { row, mine } = await loadComment(deps.db, commentId, userId);
	if (!mine) throw forbidden(m.suggestions_error_own_comment_delete());
	await deps.db.transaction(async (tx) => {
		await tx
			.update(suggestionComments)
			.set({ deletedAt: new Date() })
			.where(eq(suggestionComments.id, commentId));
		await recordEvent(tx, {
			workspaceId: row.workspaceId,
			suggestionId: row.suggestionId,
			kind: 'comment',
			actorId: null,
			data: { commentId }
		});
	});
}
