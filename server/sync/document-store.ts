/**
 * Where the sync server keeps documents: an append-only log of Yjs updates per
 * document plus at most one snapshot that folds a prefix of the log.
 */
export interface NewUpdate {
	documentId: string;
	data: Uint8Array;
}

export interface StoredDocument {
	/** Snapshot and log tail, in order; empty for a new document. */
	updates: Uint8Array[];
	/** Highest seq stored for the document (0 when none); every seq up to it is in `updates`. */
	lastSeq: number;
	/** How many log rows are not folded into the snapshot. */
	tailLength: number;
	/**
	 * The highest seq ever given to the document's updates (`load` only;
	 * undefined when there is no such document): the journaled store numbers
	 * from here.
	 */
	headSeq?: number;
	/**
	 * How far the task list and the search index cover the log (`load` only;
	 * null when unknown, e.g. no such document): what a room must catch up on
	 * when it opens.
	 */
	checkpoints?: DocumentCheckpoints | null;
}

export interface DocumentCheckpoints {
	extractedSeq: number;
	indexedSeq: number;
}

export interface DocumentRef {
	id: string;
	workspaceId: string;
	kind: string;
}

export interface DocumentStore {
	load(documentId: string): Promise<StoredDocument>;
	/**
	 * What a holder of every update through `afterSeq` lacks: the log rows after
	 * it, or the snapshot and its tail when a compaction folded past it (then
	 * `updates` repeats some of what the holder has, which Yjs ignores).
	 * `lastSeq` is where the holder then stands.
	 */
	loadSince(documentId: string, afterSeq: number): Promise<StoredDocument>;
	/** The highest seq stored for each of these documents (documents that no longer exist are left out). */
	heads(documentIds: string[]): Promise<Map<string, number>>;
	/**
	 * Appends updates of any number of documents in ONE transaction (group
	 * commit) and marks `touched` documents as edited now. The store numbers
	 * each document's updates in the commit, continuing its log without holes
	 * whatever other processes append, and returns the seq of every update in
	 * order (null for a document that no longer exists: nothing is stored for it).
	 * On the embedded database the journaled store numbers them itself and
	 * makes them durable in its journal instead (journaled-store.ts).
	 */
	append(updates: NewUpdate[], touched: string[]): Promise<(number | null)[]>;
	/**
	 * Documents of these kinds whose stored updates (log or snapshot) run past
	 * their extraction checkpoint: what a crash left unextracted.
	 */
	findUnextracted(kinds: readonly string[]): Promise<DocumentRef[]>;
	/** The same against the search-index checkpoint: what a crash left unindexed. */
	findUnindexed(kinds: readonly string[]): Promise<DocumentRef[]>;
	/**
	 * Raises the extraction checkpoint of each document to its seq (never
	 * lowers it: another process may have got further), in one statement.
	 */
	recordExtracted(through: Map<string, number>): Promise<void>;
	/**
	 * Stores `snapshot` as the document's snapshot unless the stored one already
	 * folds further, and deletes the rows up to `throughSeq`, in one transaction.
	 * `snapshot` must contain every update with seq <= throughSeq. Returns
	 * false, changing nothing, when another process is compacting the document
	 * right now (stores shared by several processes only).
	 */
	compact(documentId: string, snapshot: Uint8Array, throughSeq: number): Promise<boolean>;
}
