import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../db';
import { commentSettings } from '../db/schema';
import { badRequest } from '../errors';
import { requireWorkspaceRole } from '../workspaces';
import { m } from '../../paraglide/messages.js';

export interface CommentSettings {
	/** Viewers may start threads, reply and resolve; they never edit the text. */
	viewersCanComment: boolean;
}

export async function readCommentSettings(
	db: Executor,
	workspaceId: string
): Promise<CommentSettings> {
	const [row] = await db
		.select({ viewersCanComment: commentSettings.viewersCanComment })
		.from(commentSettings)
		.where(eq(commentSettings.workspaceId, workspaceId));
	return { viewersCanComment: row?.viewersCanComment ?? true };
}

/** Owners change `{viewersCanComment}`. */
export async function changeCommentSettings(
	db: Database,
	workspaceId: string,
	actorId: string,
	input: Record<string, unknown>
): Promise<CommentSettings> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const value = input.viewersCanComment;
	if (typeof value !== 'boolean') {
		throw badRequest(m.server_field_boolean({ field: 'viewersCanComment' }));
	}
	await db
		.insert(commentSettings)
		.values({ workspaceId, viewersCanComment: value })
		.onConflictDoUpdate({ target: commentSettings.workspaceId, set: { viewersCanComment: value } });
	return { viewersCanComment: value };
}
