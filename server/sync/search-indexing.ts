import { readSearchPassages, searchableKinds } from '../../src/lib/model/search/read-document';
import type { Database } from '../../src/lib/server/db';
import { indexDocument, recordIndexedSeq } from '../../src/lib/server/search/index-document';
import { log } from '../../src/lib/server/log';
import type { DocumentCheckpoints, DocumentStore } from './document-store';
import type { Room } from './room';
import type { SettleConsumer } from './settle-scheduler';

/** A run skipped because another process held the document's lock is tried again after this. */
const SKIPPED_RETRY_MS = 1_000;

interface Progress {
	/** The passages as last written: an edit that changed no text needs no rewrite. */
	fingerprint: string;
	seq: number;
	storedSeq: number;
}

export interface SearchIndexingDeps {
	db: Database;
	store: Pick<DocumentStore, 'findUnindexed'>;
	/** Runs the document again later (the settle scheduler's `changed`). */
	retry(room: Room): void;
}

/**
 * Keeps `search_passages` in step with the documents the sync server holds:
 * a consumer of the settle scheduler, beside action extraction, so it never
 * runs on the relay path. Once edits settle it reads the room's text and
 * rewrites that document's passages, and records how far it got
 * (`documents.indexed_seq`) so start-up can catch up on what a crash left
 * unindexed.
 */
export class SearchIndexing implements SettleConsumer {
	readonly name = 'indexing for search';
	private readonly progress = new WeakMap<Room, Progress>();

	constructor(private readonly deps: SearchIndexingDeps) {}

	handles(room: Room): boolean {
		return searchableKinds.includes(room.kind);
	}

	/**
	 * The stored passages were read from the state through `indexedSeq`; when
	 * that covers everything loaded, they are this room's passages and only a
	 * change of text needs a write.
	 */
	adoptLoaded(room: Room, checkpoints: DocumentCheckpoints | null): boolean {
		const seq = room.committedThrough;
		if (!checkpoints || checkpoints.indexedSeq < seq) return false;
		const fingerprint = JSON.stringify(readSearchPassages(room.kind, room.doc));
		this.progress.set(room, { fingerprint, seq, storedSeq: seq });
		return true;
	}

	async settle(room: Room): Promise<void> {
		if (room.state === 'closed') return;
		const seq = room.committedThrough;
		const passages = readSearchPassages(room.kind, room.doc);
		const fingerprint = JSON.stringify(passages);
		const previous = this.progress.get(room);
		if (previous?.fingerprint === fingerprint) {
			previous.seq = seq;
			return;
		}
		const result = await indexDocument(this.deps.db, room.documentId, seq, passages);
		if (result === 'skipped') {
			const retry = setTimeout(() => this.deps.retry(room), SKIPPED_RETRY_MS);
			retry.unref();
			return;
		}
		if (result === 'behind') {
			log.info('search passages already newer', { documentId: room.documentId });
			return;
		}
		this.progress.set(room, { fingerprint, seq, storedSeq: seq });
	}

	/** Records how far an unchanged text was covered: call once the room's runs are flushed, before it unloads. */
	async recordProgress(room: Room): Promise<void> {
		const progress = this.progress.get(room);
		if (progress && progress.seq > progress.storedSeq) {
			await recordIndexedSeq(this.deps.db, room.documentId, progress.seq);
			progress.storedSeq = progress.seq;
		}
	}

	findBehind() {
		return this.deps.store.findUnindexed(searchableKinds);
	}
}
