import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { actionSources } from '../../src/lib/model/action-sources';
import type { ExtractedAction } from '../../src/lib/model/actions';
import type { DocumentMention } from '../../src/lib/model/framework/mentions';
import type { Database } from '../../src/lib/server/db';
import {
	docSnapshots,
	docUpdates,
	documents,
	memberships,
	users
} from '../../src/lib/server/db/schema';
import type { TaskEvents } from '../../src/lib/server/task-events';
import { notifyTasksAssigned } from '../../src/lib/server/notifications/triggers';
import { reconcileDocumentTasks } from '../../src/lib/server/task-sync';
import { Attribution } from './attribution';
import { ExtractionScheduler } from './extraction';
import { MentionLedger } from './mention-ledger';
import { SERVER_ORIGIN, type Room } from './room';

/** A reconciliation skipped because another process held the document's lock is tried again after this. */
const SKIPPED_RETRY_MS = 1_000;

interface Progress {
	/** The extracted actions as last reconciled: an unchanged result needs no database work. */
	fingerprint: string;
	actions: ExtractedAction[];
	/** Seq the in-memory extraction covers, and what the database knows of it. */
	seq: number;
	storedSeq: number;
	attribution: Attribution;
	mentions: MentionLedger;
}

export interface DocumentRef {
	id: string;
	workspaceId: string;
	kind: string;
}

/**
 * Keeps the task list in step with the documents the sync server holds:
 * after edits settle it reads a room's actions and reconciles them into
 * `tasks` (src/lib/server/task-sync.ts), and it records per document how far
 * that got, so a restart can catch up on what a crash left unextracted.
 */
export class ActionExtraction {
	private readonly scheduler = new ExtractionScheduler();
	private readonly progress = new WeakMap<Room, Progress>();

	/**
	 * @param shared Several processes serve the database and may hold the same
	 * document: one reconciles at a time (an advisory lock; the others try
	 * again shortly), and each compares against the stored tasks rather than
	 * its own last result, which another process may have overtaken.
	 */
	constructor(
		private readonly db: Database,
		private readonly events: TaskEvents,
		private readonly shared = false
	) {}

	handles(kind: string): boolean {
		return actionSources[kind] !== undefined;
	}

	/** Called when a room loaded or committed a change. */
	contentChanged(room: Room): void {
		if (this.handles(room.kind)) {
			this.scheduler.schedule(room.documentId, () => this.extract(room));
		}
	}

	/** Runs what is pending for the room and records its progress: call before it unloads. */
	async flush(room: Room): Promise<void> {
		await this.scheduler.flush(room.documentId);
		const progress = this.progress.get(room);
		if (progress && progress.seq > progress.storedSeq) {
			await this.recordProgress(room.documentId, progress.seq);
			progress.storedSeq = progress.seq;
		}
	}

	async flushAll(rooms: Iterable<Room>): Promise<void> {
		await Promise.all([...rooms].map((room) => this.flush(room)));
	}

	/** Documents whose stored updates run past their last extraction. */
	async findBehind(): Promise<DocumentRef[]> {
		const kinds = Object.keys(actionSources).filter((k) => this.handles(k));
		if (kinds.length === 0) return [];
		return this.db
			.select({ id: documents.id, workspaceId: documents.workspaceId, kind: documents.kind })
			.from(documents)
			.where(
				and(
					inArray(documents.kind, kinds as (typeof documents.kind._.data)[]),
					or(
						sql`exists (select 1 from ${docUpdates} where ${docUpdates.documentId} = ${documents.id} and ${docUpdates.seq} > ${documents.extractedSeq})`,
						sql`exists (select 1 from ${docSnapshots} where ${docSnapshots.documentId} = ${documents.id} and ${docSnapshots.throughSeq} > ${documents.extractedSeq})`
					)
				)
			);
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
			previous.seq = seq;
			return;
		}
		const attribution =
			previous?.attribution ?? new Attribution(room, room.documentId, this.shared);
		const ledger = previous?.mentions ?? new MentionLedger(room.documentId);
		const writers = source.assignmentWriters?.(room.doc) ?? new Map<string, number>();
		const document = { id: room.documentId, workspaceId: room.workspaceId };
		await ledger.load(this.db);
		const result = await reconcileDocumentTasks(this.db, document, actions, {
			extractedSeq: seq,
			previous: this.shared ? undefined : previous?.actions,
			exclusive: this.shared,
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
			await attribution.refresh(this.db);
			const retry = setTimeout(() => this.contentChanged(room), SKIPPED_RETRY_MS);
			retry.unref();
			return;
		}
		this.progress.set(room, {
			fingerprint,
			actions,
			seq,
			storedSeq: seq,
			attribution,
			mentions: ledger
		});
		void this.events.publish({
			workspaceId: room.workspaceId,
			taskIds: [...result.created, ...result.updated, ...result.removed]
		});
	}

	private async memberNames(workspaceId: string): Promise<{ id: string; name: string }[]> {
		return this.db
			.select({ id: users.id, name: users.name })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.workspaceId, workspaceId));
	}

	private async recordProgress(documentId: string, seq: number): Promise<void> {
		await this.db
			.update(documents)
			.set({ extractedSeq: seq })
			.where(and(eq(documents.id, documentId), gt(sql`${seq}`, documents.extractedSeq)));
	}
}
