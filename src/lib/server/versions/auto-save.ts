import type * as Y from 'yjs';
import type { Database } from '../db';
import { log } from '../log';
import { VERSIONED_KINDS } from './kinds';
import {
	captureVersionState,
	insertVersion,
	latestVersion,
	recordClients,
	recordDocumentClients,
	sameContent,
	tryVersionLock
} from './store';

/** While people edit, a version is saved at most this often: "a few minutes of activity". */
export const AUTO_VERSION_MS = 5 * 60 * 1000;

/**
 * New writers' client ids are gathered this long and recorded for all
 * documents in one statement: when a thousand open documents get their
 * first edits at once, one insert each took a core for seconds on the
 * embedded engine, in front of the commits that relaying waits for.
 */
const CLIENTS_FLUSH_MS = 250;

/** What the sync server's room offers (server/sync/room.ts). */
export interface VersionedRoom {
	readonly documentId: string;
	readonly kind: string;
	readonly doc: Y.Doc;
	readonly clientUsers: ReadonlyMap<number, string>;
	/** Resolves once everything applied so far is committed. */
	whenSettled(): Promise<void>;
}

/**
 * Saves automatic versions of the documents a sync server holds: one once a
 * document has been edited for AUTO_VERSION_MS, and one when its last person
 * leaves (the room unloads), each only if the content differs from the
 * latest version. It runs on timers and on unload, never between receiving an
 * update and relaying it. With several processes on one database, an advisory
 * lock and the check of the latest version make one process save per span:
 * the others find it taken or find the version already there.
 */
export class VersionAutoSave {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly running = new Map<string, Promise<void>>();
	/** Client ids of each room already recorded in document_clients. */
	private readonly recorded = new WeakMap<VersionedRoom, Set<number>>();
	/** Client ids seen but not yet written, across documents. */
	private unrecorded: { room: VersionedRoom; clientId: number; userId: string }[] = [];
	private flushTimer: NodeJS.Timeout | null = null;

	constructor(
		private readonly db: Database,
		private readonly shared: boolean,
		private readonly intervalMs = AUTO_VERSION_MS
	) {}

	/** A change was committed or received: the span of activity starts now if none is running. */
	contentChanged(room: VersionedRoom): void {
		if (!VERSIONED_KINDS.has(room.kind)) return;
		this.recordNewClients(room);
		if (this.timers.has(room.documentId)) return;
		const timer = setTimeout(() => {
			this.timers.delete(room.documentId);
			void this.save(room, 'interval');
		}, this.intervalMs);
		timer.unref();
		this.timers.set(room.documentId, timer);
	}

	/** The room is unloading: its last person left. Saves what changed since the latest version. */
	async roomEmptied(room: VersionedRoom): Promise<void> {
		const timer = this.timers.get(room.documentId);
		if (timer) clearTimeout(timer);
		this.timers.delete(room.documentId);
		if (VERSIONED_KINDS.has(room.kind)) await this.save(room, 'left');
	}

	/**
	 * A version lists who wrote in its span by client id, so a new writer's
	 * client id is recorded as soon as it appears (once per client and
	 * document, in the background), not only when a version is saved.
	 */
	private recordNewClients(room: VersionedRoom): void {
		let recorded = this.recorded.get(room);
		if (!recorded) {
			recorded = new Set<number>();
			this.recorded.set(room, recorded);
		}
		// Called on every commit: a room's writers are a Map that only grows.
		if (recorded.size === room.clientUsers.size) return;
		for (const [clientId, userId] of room.clientUsers) {
			if (recorded.has(clientId)) continue;
			recorded.add(clientId);
			this.unrecorded.push({ room, clientId, userId });
		}
		if (!this.flushTimer) {
			this.flushTimer = setTimeout(() => void this.flushClients(), CLIENTS_FLUSH_MS);
			this.flushTimer.unref();
		}
	}

	private async flushClients(): Promise<void> {
		this.flushTimer = null;
		const batch = this.unrecorded;
		this.unrecorded = [];
		if (batch.length === 0) return;
		const rows = batch.map(({ room, clientId, userId }) => ({
			documentId: room.documentId,
			clientId,
			userId
		}));
		try {
			await recordDocumentClients(this.db, rows);
		} catch (error) {
			// Seen again on the room's next change, and written with the next version at the latest.
			for (const { room, clientId } of batch) this.recorded.get(room)?.delete(clientId);
			log.error('recording who writes a document failed', {
				documentIds: [...new Set(rows.map((r) => r.documentId))].slice(0, 20),
				error
			});
		}
	}

	close(): void {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
	}

	private async save(room: VersionedRoom, why: 'interval' | 'left'): Promise<void> {
		const previous = this.running.get(room.documentId);
		const job = (previous ?? Promise.resolve())
			.then(() => this.saveNow(room, why))
			.catch((error: unknown) => {
				log.error('saving a version failed', { documentId: room.documentId, error });
			});
		this.running.set(room.documentId, job);
		await job;
		if (this.running.get(room.documentId) === job) this.running.delete(room.documentId);
	}

	private async saveNow(room: VersionedRoom, why: 'interval' | 'left'): Promise<void> {
		const version = captureWithoutPending(room.doc);
		// A version holds only what is durable: the log must contain all of it.
		await room.whenSettled();
		await this.db.transaction(async (tx) => {
			if (this.shared && !(await tryVersionLock(tx, room.documentId))) return;
			await recordClients(tx, room.documentId, room.clientUsers);
			const latest = await latestVersion(tx, room.documentId);
			if (latest && sameContent(latest.snapshot, version.snapshot)) return;
			// Another process holding the document saved this span already.
			if (
				why === 'interval' &&
				latest &&
				Date.now() - latest.createdAt.getTime() < this.intervalMs / 2
			) {
				return;
			}
			await insertVersion(tx, room.documentId, { ...version, reason: 'auto' });
		});
	}
}

/**
 * Like the room's own encoding (server/sync/room.ts), a version leaves out
 * what Yjs holds pending: updates that refer to items nobody sent yet.
 */
function captureWithoutPending(doc: Y.Doc) {
	const store = doc.store;
	const { pendingStructs, pendingDs } = store;
	store.pendingStructs = null;
	store.pendingDs = null;
	try {
		return captureVersionState(doc);
	} finally {
		store.pendingStructs = pendingStructs;
		store.pendingDs = pendingDs;
	}
}
