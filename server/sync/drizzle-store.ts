import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../../src/lib/server/db';
import { docSnapshots, docUpdates, documents } from '../../src/lib/server/db/schema';
import type { DocumentStore, StoredDocument, StoredUpdate } from './document-store';

/** PostgreSQL allows 65,535 bind parameters per statement; three per row. */
const ROWS_PER_INSERT = 5000;

/** The document store on drizzle: the same code serves PGlite and PostgreSQL. */
export function createDrizzleStore(
	db: Database,
	execute?: DatabaseHandle['execute']
): DocumentStore {
	return {
		async load(documentId: string): Promise<StoredDocument> {
			return db.transaction(async (tx) => {
				const [snapshot] = await tx
					.select({ data: docSnapshots.data, throughSeq: docSnapshots.throughSeq })
					.from(docSnapshots)
					.where(eq(docSnapshots.documentId, documentId));
				const throughSeq = snapshot?.throughSeq ?? 0;
				const tail = await tx
					.select({ seq: docUpdates.seq, data: docUpdates.data })
					.from(docUpdates)
					.where(and(eq(docUpdates.documentId, documentId), gt(docUpdates.seq, throughSeq)))
					.orderBy(asc(docUpdates.seq));
				const updates = tail.map((row) => row.data);
				if (snapshot) updates.unshift(snapshot.data);
				return {
					updates,
					lastSeq: tail.length > 0 ? tail[tail.length - 1].seq : throughSeq,
					tailLength: tail.length
				};
			});
		},

		async append(rows: StoredUpdate[], touched: string[]): Promise<void> {
			if (rows.length === 0 && touched.length === 0) return;
			if (rows.length <= ROWS_PER_INSERT && execute) {
				// One statement, so no BEGIN/COMMIT round trips: the hot path of every
				// edit. A data-modifying CTE runs to completion whether or not the outer
				// statement reads it, and the statement is atomic as a whole.
				const params: unknown[] = [];
				const values = rows.map((r) => {
					params.push(r.documentId, r.seq, r.data);
					const n = params.length;
					return `($${n - 2}, $${n - 1}::bigint, $${n}::bytea)`;
				});
				const ids = touched.map((id) => {
					params.push(id);
					return `$${params.length}`;
				});
				await execute(
					`with appended as (insert into doc_updates (document_id, seq, data) values ${values.join(', ')} on conflict do nothing returning 1) ` +
						`update documents set updated_at = now() where ${ids.length > 0 ? `id in (${ids.join(', ')})` : 'false'}`,
					params
				);
				return;
			}
			await db.transaction(async (tx) => {
				for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
					await tx
						.insert(docUpdates)
						.values(rows.slice(i, i + ROWS_PER_INSERT))
						.onConflictDoNothing();
				}
				if (touched.length > 0) {
					await tx
						.update(documents)
						.set({ updatedAt: sql`now()` })
						.where(inArray(documents.id, touched));
				}
			});
		},

		async compact(documentId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
			await db.transaction(async (tx) => {
				await tx
					.insert(docSnapshots)
					.values({ documentId, data: snapshot, throughSeq })
					.onConflictDoUpdate({
						target: docSnapshots.documentId,
						set: { data: snapshot, throughSeq, updatedAt: sql`now()` }
					});
				await tx
					.delete(docUpdates)
					.where(and(eq(docUpdates.documentId, documentId), lte(docUpdates.seq, throughSeq)));
			});
		}
	};
}
