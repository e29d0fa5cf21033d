import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ExtractedAction } from '$lib/model/actions';
import { hasUnstorableCharacters, storableText } from '$lib/model/text';
import { log } from './log';
import type { Database, Executor } from './db';
import { memberships, tasks, type TaskStatus } from './db/schema';
import { generateId } from './auth/secrets';

export interface ReconcileResult {
	created: string[];
	updated: string[];
	removed: string[];
	/** Tasks that got a (new) assignee, with the key of their item. */
	assigned: { taskId: string; sourceKey: string }[];
	/** True when another process was reconciling the document (`exclusive`): nothing was done. */
	skipped?: boolean;
}

/** First key of the advisory lock a reconciliation holds on its document (the second is the id's hash). */
const RECONCILE_LOCK = 0x65787472; // 'extr'

/**
 * Makes the tasks of one document agree with the actions extracted from it.
 * New items become tasks, changed items update theirs, items that vanished
 * mark their task "removed from source" (kept, and revived if the item comes
 * back). Running it again with the same actions changes nothing, and two
 * processes running it at once cannot create a task twice: (document, key)
 * is unique.
 */
export async function reconcileDocumentTasks(
	{ db }: { db: Database },
	document: { id: string; workspaceId: string; createdBy?: string | null },
	extracted: ExtractedAction[],
	options: {
		/**
		 * The actions this process last reconciled for the document. Only items
		 * that differ from them are looked at, so a large document with one
		 * edited item costs one row, not all of them.
		 */
		previous?: ExtractedAction[];
		/** Runs in the same transaction once the tasks are written (notifications about the changes). */
		afterChanges?: (tx: Executor, result: ReconcileResult) => Promise<void>;
		/**
		 * Several processes serve the database: reconcile only if no other
		 * process is reconciling this document right now (else `skipped`).
		 */
		exclusive?: boolean;
	} = {}
): Promise<ReconcileResult> {
	const result: ReconcileResult = { created: [], updated: [], removed: [], assigned: [] };
	const actions = byKey(storableActions(document.id, extracted));
	let keysToCheck: string[] | null = null;
	if (options.previous) {
		const previous = byKey(storableActions(document.id, options.previous, false));
		keysToCheck = [];
		for (const [key, action] of actions) {
			const before = previous.get(key);
			if (!before || JSON.stringify(before) !== JSON.stringify(action)) keysToCheck.push(key);
		}
		for (const key of previous.keys()) if (!actions.has(key)) keysToCheck.push(key);
	}
	const checked = keysToCheck ? new Set(keysToCheck) : null;

	await db.transaction(async (tx) => {
		if (options.exclusive) {
			const locked = await tx.execute<{ taken: boolean }>(
				sql`select pg_try_advisory_xact_lock(${RECONCILE_LOCK}, hashtext(${document.id})) as taken`
			);
			// postgres.js returns the rows, PGlite an object holding them.
			const rows = Array.isArray(locked) ? locked : (locked as { rows: unknown[] }).rows;
			if ((rows[0] as { taken: boolean }).taken !== true) {
				result.skipped = true;
				return;
			}
		}
		const needsMembers = [...actions.values()].some(
			(a) => a.assigneeId !== null && (!checked || checked.has(a.sourceKey))
		);
		const members = new Set(
			needsMembers
				? (
						await tx
							.select({ userId: memberships.userId })
							.from(memberships)
							.where(eq(memberships.workspaceId, document.workspaceId))
					).map((m) => m.userId)
				: []
		);
		const assignee = (id: string | null) => (id && members.has(id) ? id : null);
		const existing =
			keysToCheck === null
				? await tx.select().from(tasks).where(eq(tasks.sourceDocumentId, document.id))
				: keysToCheck.length === 0
					? []
					: await tx
							.select()
							.from(tasks)
							.where(
								and(eq(tasks.sourceDocumentId, document.id), inArray(tasks.sourceKey, keysToCheck))
							);
		const existingByKey = new Map(existing.map((t) => [t.sourceKey, t]));
		const now = new Date();

		// Changes are gathered and written in at most three statements, however
		// many items changed: on the embedded engine every statement holds the
		// event loop, and relaying edits must not wait behind a loop of them.
		const inserts: (typeof tasks.$inferInsert)[] = [];
		const updates: {
			id: string;
			title: string;
			assigneeId: string | null;
			dueDate: string | null;
			status: TaskStatus;
			completedAt: Date | null;
		}[] = [];
		for (const action of actions.values()) {
			if (checked && !checked.has(action.sourceKey)) continue;
			const task = existingByKey.get(action.sourceKey);
			const assigneeId = assignee(action.assigneeId);
			if (!task) {
				inserts.push({
					id: generateId(),
					workspaceId: document.workspaceId,
					sourceDocumentId: document.id,
					sourceKey: action.sourceKey,
					title: action.title,
					status: action.done ? 'done' : 'open',
					assigneeId,
					dueDate: action.dueDate,
					createdBy: document.createdBy ?? null,
					completedAt: action.done ? now : null
				});
				continue;
			}
			const status = nextStatus(task.status, action.done);
			const unchanged =
				task.title === action.title &&
				task.assigneeId === assigneeId &&
				task.dueDate === action.dueDate &&
				task.removedFromSourceAt === null &&
				status === task.status;
			if (unchanged) continue;
			updates.push({
				id: task.id,
				title: action.title,
				assigneeId,
				dueDate: action.dueDate,
				status,
				completedAt: status === task.status ? task.completedAt : status === 'done' ? now : null
			});
		}

		if (inserts.length > 0) {
			const inserted = await tx
				.insert(tasks)
				.values(inserts)
				.onConflictDoNothing()
				.returning({ id: tasks.id, sourceKey: tasks.sourceKey, assigneeId: tasks.assigneeId });
			result.created.push(...inserted.map((r) => r.id));
			for (const row of inserted) {
				if (row.assigneeId) result.assigned.push({ taskId: row.id, sourceKey: row.sourceKey! });
			}
		}
		if (updates.length > 0) {
			const rows = sql.join(
				updates.map(
					(u) =>
						sql`(${u.id}::text, ${u.title}::text, ${u.assigneeId}::text, ${u.dueDate}::text, ${u.status}::text, ${u.completedAt?.toISOString() ?? null}::timestamptz)`
				),
				sql`, `
			);
			await tx.execute(sql`
				update ${tasks} as t set
					title = v.title, assignee_id = v.assignee_id, due_date = v.due_date,
					status = v.status, completed_at = v.completed_at,
					removed_from_source_at = null, updated_at = now()
				from (values ${rows}) as v(id, title, assignee_id, due_date, status, completed_at)
				where t.id = v.id`);
			result.updated.push(...updates.map((u) => u.id));
			const existingById = new Map(existing.map((t) => [t.id, t]));
			for (const u of updates) {
				const before = existingById.get(u.id)!;
				if (u.assigneeId && u.assigneeId !== before.assigneeId) {
					result.assigned.push({ taskId: u.id, sourceKey: before.sourceKey! });
				}
			}
		}
		const gone = existing.filter(
			(task) => task.sourceKey && !actions.has(task.sourceKey) && !task.removedFromSourceAt
		);
		if (gone.length > 0) {
			await tx
				.update(tasks)
				.set({ removedFromSourceAt: now, updatedAt: now })
				.where(
					and(
						inArray(
							tasks.id,
							gone.map((t) => t.id)
						),
						isNull(tasks.removedFromSourceAt)
					)
				);
			result.removed.push(...gone.map((t) => t.id));
		}

		await options.afterChanges?.(tx, result);
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

/** A pasted copy may carry its original's key until the editor re-keys it: first one wins. */
/**
 * This is where text read from documents enters the database, so it is
 * cleaned here: characters PostgreSQL refuses would fail the statement for
 * every item of the document, every time. An item whose key cannot be stored
 * is skipped (and logged) and the others still become tasks.
 */
function storableActions(
	documentId: string,
	list: ExtractedAction[],
	report = true
): ExtractedAction[] {
	const usable: ExtractedAction[] = [];
	for (const action of list) {
		if (
			action.sourceKey === '' ||
			action.sourceKey.length > 200 ||
			hasUnstorableCharacters(action.sourceKey)
		) {
			if (report) {
				log.warn('skipping an action whose key cannot be stored', {
					documentId,
					sourceKey: JSON.stringify(action.sourceKey.slice(0, 200))
				});
			}
			continue;
		}
		const cleaned = storableText(action.title);
		const title =
			(cleaned === action.title ? cleaned : cleaned.replace(/\s+/g, ' ').trim()).slice(0, 2000) ||
			'Untitled action';
		const assigneeId =
			action.assigneeId !== null && hasUnstorableCharacters(action.assigneeId)
				? null
				: action.assigneeId;
		usable.push(
			title === action.title && assigneeId === action.assigneeId
				? action
				: { ...action, title, assigneeId }
		);
	}
	return usable;
}

function byKey(list: ExtractedAction[]): Map<string, ExtractedAction> {
	const map = new Map<string, ExtractedAction>();
	for (const action of list) if (!map.has(action.sourceKey)) map.set(action.sourceKey, action);
	return map;
}
