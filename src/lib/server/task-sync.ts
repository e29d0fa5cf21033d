import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ExtractedAction } from '$lib/model/actions';
import type { Database } from './db';
import { documents, memberships, tasks, type TaskStatus } from './db/schema';
import { generateId } from './auth/secrets';

export interface ReconcileResult {
	created: string[];
	updated: string[];
	removed: string[];
}

/**
 * Makes the tasks of one document agree with the actions extracted from it.
 * New items become tasks, changed items update theirs, items that vanished
 * mark their task "removed from source" (kept, and revived if the item comes
 * back). Running it again with the same actions changes nothing, and two
 * processes running it at once cannot create a task twice: (document, key)
 * is unique.
 */
export async function reconcileDocumentTasks(
	db: Database,
	document: { id: string; workspaceId: string; createdBy?: string | null },
	extracted: ExtractedAction[],
	/** When given, recorded as the document's extraction progress in the same transaction. */
	extractedSeq?: number
): Promise<ReconcileResult> {
	const result: ReconcileResult = { created: [], updated: [], removed: [] };
	// A pasted copy may carry its original's key until the editor re-keys it: first one wins.
	const actions = new Map<string, ExtractedAction>();
	for (const action of extracted)
		if (!actions.has(action.sourceKey)) actions.set(action.sourceKey, action);

	await db.transaction(async (tx) => {
		const members = new Set(
			(
				await tx
					.select({ userId: memberships.userId })
					.from(memberships)
					.where(eq(memberships.workspaceId, document.workspaceId))
			).map((m) => m.userId)
		);
		const assignee = (id: string | null) => (id && members.has(id) ? id : null);
		const existing = await tx.select().from(tasks).where(eq(tasks.sourceDocumentId, document.id));
		const byKey = new Map(existing.map((t) => [t.sourceKey, t]));
		const now = new Date();

		for (const action of actions.values()) {
			const task = byKey.get(action.sourceKey);
			const assigneeId = assignee(action.assigneeId);
			if (!task) {
				const id = generateId();
				const inserted = await tx
					.insert(tasks)
					.values({
						id,
						workspaceId: document.workspaceId,
						sourceDocumentId: document.id,
						sourceKey: action.sourceKey,
						title: action.title,
						status: action.done ? 'done' : 'open',
						assigneeId,
						dueDate: action.dueDate,
						createdBy: document.createdBy ?? null,
						completedAt: action.done ? now : null
					})
					.onConflictDoNothing()
					.returning({ id: tasks.id });
				if (inserted.length > 0) result.created.push(id);
				continue;
			}
			const patch: Partial<typeof tasks.$inferInsert> = {};
			if (task.title !== action.title) patch.title = action.title;
			if (task.assigneeId !== assigneeId) patch.assigneeId = assigneeId;
			if (task.dueDate !== action.dueDate) patch.dueDate = action.dueDate;
			if (task.removedFromSourceAt) patch.removedFromSourceAt = null;
			const status = nextStatus(task.status, action.done);
			if (status !== task.status) {
				patch.status = status;
				patch.completedAt = status === 'done' ? now : null;
			}
			if (Object.keys(patch).length === 0) continue;
			patch.updatedAt = now;
			await tx.update(tasks).set(patch).where(eq(tasks.id, task.id));
			result.updated.push(task.id);
		}

		for (const task of existing) {
			if (task.sourceKey && !actions.has(task.sourceKey) && !task.removedFromSourceAt) {
				await tx
					.update(tasks)
					.set({ removedFromSourceAt: now, updatedAt: now })
					.where(and(eq(tasks.id, task.id), isNull(tasks.removedFromSourceAt)));
				result.removed.push(task.id);
			}
		}

		if (extractedSeq !== undefined) {
			await tx
				.update(documents)
				.set({ extractedSeq: sql`greatest(${documents.extractedSeq}, ${extractedSeq})` })
				.where(eq(documents.id, document.id));
		}
	});
	return result;
}

/**
 * A document only knows done or not done. Ticking the box completes the task;
 * unticking reopens a done task; statuses the document cannot express
 * (in progress, blocked, dropped) survive while the box stays unticked.
 */
function nextStatus(current: TaskStatus, done: boolean): TaskStatus {
	if (done) return 'done';
	return current === 'done' ? 'open' : current;
}
