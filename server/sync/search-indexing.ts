import { readSearchPassages, searchableKinds } from '../../src/lib/model/search/passages';
import type { Database } from '../../src/lib/server/db';
import {
	findDocumentsBehindSearch,
	indexDocument,
	recordIndexedSeq
} from '../../src/lib/server/search/index-document';
import { log } from '../../src/lib/server/log';
import { ExtractionScheduler } from './extraction';
import type { Room } from './room';

/** A run skipped because another process held the document's lock is tried again after this. */
const SKIPPED_RETRY_MS = 1_000;

interface Progress {
	/** The passages as last written: an edit that changed no text needs no rewrite. */
	fingerprint: string;
	seq: number;
	storedSeq: number;
}

/**
 * Keeps `search_passages` in step with the documents the sync server holds,
 * the way action extraction keeps tasks: after edits settle (the same
 * debounce, never on the relay path) it reads the room's text and rewrites
 * that document's passages, and records how far it got so start-up can
 * catch up on what a crash left unindexed.
 */
export class SearchIndexing {
	private readonly scheduler = new ExtractionScheduler();
	private readonly progress = new WeakMap<Room, Progress>();

	constructor(private readonly db: Database) {}

	/** Called when a room loaded or committed a change. */
	contentChanged(room: Room): void {
		if (!searchableKinds.includes(room.kind)) return;
		// Failures are logged here: the scheduler's own message speaks of actions.
		this.scheduler.schedule(room.documentId, () =>
			this.index(room).catch((error: unknown) => {
				log.error('indexing for search failed', { documentId: room.documentId, error });
			})
		);
	}

	/** Runs what is pending for the room and records its progress: call before it unloads. */
	async flush(room: Room): Promise<void> {
		await this.scheduler.flush(room.documentId);
		const progress = this.progress.get(room);
		if (progress && progress.seq > progress.storedSeq) {
			await recordIndexedSeq(this.db, room.documentId, progress.seq);
			progress.storedSeq = progress.seq;
		}
	}

	async flushAll(rooms: Iterable<Room>): Promise<void> {
		await Promise.all([...rooms].map((room) => this.flush(room)));
	}

	findBehind() {
		return findDocumentsBehindSearch(this.db, searchableKinds);
	}

	private async index(room: Room): Promise<void> {
		if (room.state === 'closed') return;
		const seq = room.committedThrough;
		const passages = readSearchPassages(room.kind, room.doc);
		const fingerprint = JSON.stringify(passages);
		const previous = this.progress.get(room);
		if (previous?.fingerprint === fingerprint) {
			previous.seq = seq;
			return;
		}
		const result = await indexDocument(this.db, room.documentId, seq, passages);
		if (result === 'skipped') {
			const retry = setTimeout(() => this.contentChanged(room), SKIPPED_RETRY_MS);
			retry.unref();
			return;
		}
		if (result === 'behind') {
			log.info('search passages already newer', { documentId: room.documentId });
			return;
		}
		this.progress.set(room, { fingerprint, seq, storedSeq: seq });
	}
}
