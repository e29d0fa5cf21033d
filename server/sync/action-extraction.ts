import { actionSources } from '../../src/lib/model/action-sources';
import type { ExtractedAction } from '../../src/lib/model/actions';
import type { DocumentMention } from '../../src/lib/model/framework/mentions';
import type { Database } from '../../src/lib/server/db';
import type { TaskEvents } from '../../src/lib/server/task-events';
import { log } from '../../src/lib/server/log';
import { notifyTasksAssigned } from '../../src/lib/server/notifications/triggers';
import { reconcileDocumentTasks } from '../../src/lib/server/task-sync';
import { listMembers } from '../../src/lib/server/workspaces';
import { Attribution } from './attribution';
import type { DocumentCheckpoints, DocumentRef, DocumentStore } from './document-store';
import { MentionLedger } from './mention-ledger';
import { SERVER_ORIGIN, type Room } from './room';
import type { SettleConsumer } from './settle-scheduler';

/** A reconciliation skipped because another process held the document's lock is tried again after this. */
const SKIPPED_RETRY_MS = 1_000;

/**
 * Checkpoints are written together at most this often, in statements of at
 * most CHECKPOINT_ROWS: each statement holds the embedded engine (and the
 * event loop) for its length, and a late checkpoint only means a crash makes
 * a restart read a few more documents again.
 */
const CHECKPOINT_MS = 10_000;
const CHECKPOINT_ROWS = 100;

interface Progress {
	/** The extracted actions as last reconciled: an unchanged result needs no database work. */
	fingerprint: string;
	actions: ExtractedAction[];
	attribution: Attribution;
	mentions: MentionLedger;
}

export interface ActionExtractionDeps {
	db: Database;
	store: Pick<DocumentStore, 'findUnextracted' | 'recordExtracted'>;
	events: TaskEvents;
	/**
	 * Several processes serve the database and may hold the same document: one
	 * reconciles at a time (an advisory lock; the others try again shortly),
	 * and each compares against the stored tasks rather than its own last
	 * result, which another process may have overtaken.
	 */
	shared: boolean;
	/** Runs the document again later (the settle scheduler's `changed`). */
	retry(room: Room): void;
}

/**
 * Keeps the task list in step with the documents the sync server holds: a
 * consumer of the settle scheduler that reads a room's actions once edits
 * settle and reconciles them into `tasks` (src/lib/server/task-sync.ts). It
 * is the one writer of each document's extraction checkpoint
 * (`documents.extracted_seq`, through the store), which says how far the
 * task list covers the log, so a restart catches up on what a crash left
 * unextracted. The checkpoint trails the tasks: written only after the
 * reconciliation committed, batched for all documents; a crash in between
 * extracts again, which changes nothing.
 */
export class ActionExtraction implements SettleConsumer {
	readonly name = 'extracting actions';
	private readonly progress = new WeakMap<Room, Progress>();
	/** Seqs covered by extraction and not yet in the checkpoint, per document. */
	private readonly covered = new Map<string, number>();
	private readonly recorded = new Map<string, number>();
	private writing: Promise<void> = Promise.resolve();
	private readonly timer: NodeJS.Timeout;

	constructor(private readonly deps: ActionExtractionDeps) {
		this.timer = setInterval(() => void this.writeCheckpoints(), CHECKPOINT_MS);
		this.timer.unref();
	}

	handles(room: Room): boolean {
		return actionSources[room.kind] !== undefined;
	}

	settle(room: Room): Promise<void> {
		return this.extract(room);
	}

	/**
	 * The task list was reconciled with the state through `extractedSeq`; when
	 * that covers everything loaded, the loaded actions are what it holds, and
	 * they become this room's starting point as if this process had
	 * reconciled them (mentions and who wrote what are read from the database
	 * when a change first needs them). Kinds whose mentions need the
	 * workspace's members, and documents whose keys need repair, run as before.
	 */
	adoptLoaded(room: Room, checkpoints: DocumentCheckpoints | null): boolean {
		const source = actionSources[room.kind];
		const seq = room.committedThrough;
		if (!source || source.mentionsNeedMembers) return false;
		if (!checkpoints || checkpoints.extractedSeq < seq) return false;
		const { actions, keysNeedRepair } = source.scan(room.doc);
		if (keysNeedRepair) return false;
		const mentions = source.mentions?.(room.doc, []) ?? [];
		this.progress.set(room, {
			fingerprint: JSON.stringify([actions, mentions.map((m) => m.id)]),
			actions,
			attribution: new Attribution(room, room.documentId, this.deps.shared),
			mentions: new MentionLedger(room.documentId)
		});
		this.recorded.set(room.documentId, checkpoints.extractedSeq);
		return true;
	}

	/** Documents whose stored updates run past their checkpoint. */
	findUnextracted(): Promise<DocumentRef[]> {
		return this.deps.store.findUnextracted(
			Object.keys(actionSources).filter((kind) => actionSources[kind] !== undefined)
		);
	}

	/** Writes the checkpoints gathered so far (before a room unloads, and at shutdown). */
	writeCheckpoints(): Promise<void> {
		this.writing = this.writing.then(async () => {
			const all = [...this.covered];
			this.covered.clear();
			for (let i = 0; i < all.length; i += CHECKPOINT_ROWS) {
				const batch = new Map(all.slice(i, i + CHECKPOINT_ROWS));
				try {
					await this.deps.store.recordExtracted(batch);
					for (const [id, seq] of batch) this.recorded.set(id, seq);
				} catch (error) {
					log.error('recording extraction checkpoints failed', {
						documentIds: [...batch.keys()].slice(0, 20),
						error
					});
					// Tried again next time, unless a later run covers more.
					for (const [id, seq] of batch) {
						if ((this.covered.get(id) ?? 0) < seq) this.covered.set(id, seq);
					}
				}
			}
		});
		return this.writing;
	}

	/** The room unloaded: its checkpoint is written (writeCheckpoints), nothing else is kept. */
	forget(documentId: string): void {
		this.recorded.delete(documentId);
	}

	close(): void {
		clearInterval(this.timer);
	}

	private cover(documentId: string, seq: number): void {
		if ((this.recorded.get(documentId) ?? 0) >= seq) return;
		if ((this.covered.get(documentId) ?? 0) < seq) this.covered.set(documentId, seq);
	}

	private async extract(room: Room): Promise<void> {
		const source = actionSources[room.kind];
		if (!source || room.state === 'closed') return;
		// What is committed now is covered by this run (the document may hold a
		// little more, which the next run records).
		const seq = room.committedThrough;
		let scan = source.scan(room.doc);
		if (scan.keysNeedRepair) {
			// Keys must be unique: repairing them is an ordinary change that every
			// client receives (and that schedules another run).
			room.doc.transact(() => source.repairKeys(room.doc), SERVER_ORIGIN);
			scan = source.scan(room.doc);
		}
		const { actions } = scan;
		const members = source.mentionsNeedMembers ? await this.memberNames(room.workspaceId) : [];
		const mentions: DocumentMention[] = source.mentions?.(room.doc, members) ?? [];
		const fingerprint = JSON.stringify([actions, mentions.map((m) => m.id)]);
		const previous = this.progress.get(room);
		// Most edits touch neither an action nor a mention: then there is nothing to reconcile.
		if (previous?.fingerprint === fingerprint) {
			this.cover(room.documentId, seq);
			return;
		}
		const { db, shared } = this.deps;
		const attribution = previous?.attribution ?? new Attribution(room, room.documentId, shared);
		const ledger = previous?.mentions ?? new MentionLedger(room.documentId);
		const writers = source.assignmentWriters?.(room.doc) ?? new Map<string, number>();
		const document = { id: room.documentId, workspaceId: room.workspaceId };
		await ledger.load(db);
		const result = await reconcileDocumentTasks({ db }, document, actions, {
			previous: shared ? undefined : previous?.actions,
			exclusive: shared,
			// Notifications commit with the tasks and mentions they tell of.
			afterChanges: async (tx, changes) => {
				await attribution.refresh(tx);
				const assignments = changes.assigned.flatMap(({ taskId, sourceKey }) => {
					const actor = attribution.actorOf(writers.get(sourceKey));
					return actor.server ? [] : [{ taskId, actorId: actor.userId }];
				});
				await notifyTasksAssigned({ db: tx }, assignments);
				await ledger.record(tx, document, mentions, (m) => attribution.actorOf(m.authorClient));
			}
		});
		if (result.skipped) {
			// Another process is reconciling this document now. Who wrote what here
			// is stored for it, and this process looks again once it is done.
			await attribution.refresh(db);
			const retry = setTimeout(() => this.deps.retry(room), SKIPPED_RETRY_MS);
			retry.unref();
			return;
		}
		this.progress.set(room, { fingerprint, actions, attribution, mentions: ledger });
		this.cover(room.documentId, seq);
		void this.deps.events.publish({
			workspaceId: room.workspaceId,
			taskIds: [...result.created, ...result.updated, ...result.removed]
		});
	}

	private async memberNames(workspaceId: string): Promise<{ id: string; name: string }[]> {
		const members = await listMembers(this.deps.db, workspaceId);
		return members.map((member) => ({ id: member.userId, name: member.name }));
	}
}
