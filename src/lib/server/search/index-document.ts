import { and, eq, gt, sql } from 'drizzle-orm';
import type { SearchPassage } from '../../model/search/passages';
import type { Database } from '../db';
import { rowsOf } from '../db/rows';
import { documents, searchPassages } from '../db/schema';

/** First key of the advisory lock an indexing run holds on its document (the second is the id's hash). */
const INDEX_LOCK = 0x73726368; // 'srch'

/** Rows per insert statement: a long document is written in a few statements, not one huge one. */
const INSERT_BATCH = 200;

export type IndexResult = 'written' | 'skipped' | 'behind';

/**
 * Replaces a document's search passages with `passages`, read from its state
 * through `seq`. One run per document at a time in any process (a
 * transaction-level try-lock: a busy document answers `skipped`, to be tried
 * again), and never over passages of a later state another process wrote
 * (`behind`).
 */
export async function indexDocument(
	db: Database,
	documentId: string,
	seq: number,
	passages: readonly SearchPassage[]
): Promise<IndexResult> {
	return db.transaction(async (tx) => {
		const [lock] = rowsOf<{ taken: boolean }>(
			await tx.execute(
				sql`select pg_try_advisory_xact_lock(${INDEX_LOCK}, hashtext(${documentId})) as taken`
			)
		);
		if (lock?.taken !== true) return 'skipped';
		const [row] = await tx
			.select({ indexedSeq: documents.indexedSeq, workspaceId: documents.workspaceId })
			.from(documents)
			.where(eq(documents.id, documentId));
		if (!row) return 'skipped';
		if (row.indexedSeq > seq) return 'behind';
		await tx.delete(searchPassages).where(eq(searchPassages.documentId, documentId));
		for (let i = 0; i < passages.length; i += INSERT_BATCH) {
			await tx.insert(searchPassages).values(
				passages.slice(i, i + INSERT_BATCH).map((p) => ({
					documentId,
					workspaceId: row.workspaceId,
					key: p.key,
					text: p.text,
					vector: sql`opsloom_search_vector('', ${p.text})`
				}))
			);
		}
		await tx.update(documents).set({ indexedSeq: seq }).where(eq(documents.id, documentId));
		return 'written';
	});
}

/** Records that the passages already stored cover `seq` too (an edit that changed no text). */
export async function recordIndexedSeq(db: Database, documentId: string, seq: number) {
	await db
		.update(documents)
		.set({ indexedSeq: seq })
		.where(and(eq(documents.id, documentId), gt(sql`${seq}`, documents.indexedSeq)));
}
