import type { Database } from '../db';
import type { Role } from '../db/schema';
import { requireDocumentRole, type DocumentInfo } from '../documents';
import { badRequest, forbidden } from '../errors';
import { readCommentSettings } from './settings';
import { m } from '../../paraglide/messages.js';

export interface CommentAccess {
	userId: string;
	document: DocumentInfo;
	role: Role;
	/** May start threads, reply, resolve and reopen. */
	canComment: boolean;
}

/**
 * Who may read and write a document's comments. Reading follows the
 * document (any member). Writing needs an editor, or a viewer when the
 * workspace lets viewers comment; an archived document is frozen, its
 * discussions too. Only framework documents have comments.
 */
export async function getCommentAccess(
	db: Database,
	documentId: string,
	userId: string
): Promise<CommentAccess> {
	const { document, role } = await requireDocumentRole(db, documentId, userId);
	if (document.kind !== 'framework') throw badRequest(m.comments_error_kind());
	const viewerMay =
		role !== 'viewer' || (await readCommentSettings(db, document.workspaceId)).viewersCanComment;
	return { userId, document, role, canComment: viewerMay && document.archivedAt === null };
}

export async function requireCommentWriter(
	db: Database,
	documentId: string,
	userId: string
): Promise<CommentAccess> {
	const access = await getCommentAccess(db, documentId, userId);
	if (!access.canComment) {
		throw forbidden(
			access.document.archivedAt ? m.comments_error_archived() : m.comments_error_viewers()
		);
	}
	return access;
}
