import { eq } from 'drizzle-orm';
import type { Database } from './db';
import { documentPins } from './db/schema';
import { findDocument, requireDocumentRole, type DocumentInfo } from './documents';

/**
 * Pins a document to its workspace's home, for the whole team. Editors and
 * owners only. Pinning a pinned document keeps the first pin's date, so a
 * repeat (a double click, a retried request) does not move it to the top.
 */
export async function pinDocument(
	db: Database,
	documentId: string,
	actorId: string
): Promise<DocumentInfo> {
	await requireDocumentRole(db, documentId, actorId, 'editor');
	await db
		.insert(documentPins)
		.values({ documentId, pinnedBy: actorId })
		.onConflictDoNothing({ target: documentPins.documentId });
	return (await findDocument(db, documentId))!;
}

/** Takes a document off the workspace home; unpinning an unpinned one changes nothing. */
export async function unpinDocument(
	db: Database,
	documentId: string,
	actorId: string
): Promise<DocumentInfo> {
	await requireDocumentRole(db, documentId, actorId, 'editor');
	await db.delete(documentPins).where(eq(documentPins.documentId, documentId));
	return (await findDocument(db, documentId))!;
}
