import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db';
import { users, workspaces } from '../db/schema';
import { notify } from '../notifications/commands';
import type { CommentAccess } from './access';

function excerptOf(body: string): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

/**
 * Tells members they were @mentioned in a comment, in the caller's
 * transaction. Once per comment and person: editing a comment notifies only
 * the people it newly names.
 */
export async function notifyCommentMentions(
	db: Executor,
	access: CommentAccess,
	comment: { id: string; threadId: string; body: string },
	mentioned: string[]
): Promise<void> {
	if (mentioned.length === 0) return;
	const { document } = access;
	const [actor] = await db
		.select({ name: users.name })
		.from(users)
		.where(inArray(users.id, [access.userId]));
	const [workspace] = await db
		.select({ name: workspaces.name })
		.from(workspaces)
		.where(eq(workspaces.id, document.workspaceId));
	await notify(
		{ db },
		mentioned.map((recipientId) => ({
			recipientId,
			workspaceId: document.workspaceId,
			kind: 'comment_mention' as const,
			actorId: access.userId,
			dedupeKey: `comment_mention:${comment.id}:${recipientId}`,
			url: `/w/${document.workspaceId}/d/${document.id}#comment-${comment.threadId}`,
			data: {
				actorName: actor?.name ?? null,
				workspaceName: workspace?.name ?? '',
				documentTitle: document.title,
				excerpt: excerptOf(comment.body)
			}
		}))
	);
}
