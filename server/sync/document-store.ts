/**
 * Where the sync server keeps documents: an append-only log of Yjs updates per
 * document plus at most one snapshot that folds a prefix of the log.
 */
export interface StoredUpdate {
	documentId: string;
	seq: number;
	data: Uint8Array;
}

export interface StoredDocument {
	/** Snapshot and log tail, in order; empty for a new document. */
	updates: Uint8Array[];
	/** Highest seq stored for the document (0 when none). */
	lastSeq: number;
	/** How many log rows are not folded into the snapshot. */
	tailLength: number;
}

export interface DocumentStore {
	load(documentId: string): Promise<StoredDocument>;
	/**
	 * Appends rows of any number of documents in ONE transaction (group commit)
	 * and marks `touched` documents as edited now. Rows already stored with the
	 * same (documentId, seq) are left as they are, so a retry is harmless.
	 */
	append(rows: StoredUpdate[], touched: string[]): Promise<void>;
	/** Replaces the snapshot and deletes the rows it folds, in one transaction. */
	compact(documentId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
}
