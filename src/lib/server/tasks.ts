import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { actionSources } from '$lib/model/action-sources';
import { KINDS } from '$lib/model/kinds';
import { normalizeDate, type ActionChange } from '$lib/model/actions';
import { defaultTimeZone, isOverdue, todayIn } from '$lib/model/dates';
import { statusLabel, priorityLabel } from '$lib/components/task-labels';
import { m } from '$lib/paraglide/messages';
import { baseLocale, getLocale } from '$lib/paraglide/runtime';
import type { Database, Executor } from './db';
import { notifyTasksAssigned } from './notifications/triggers';
import {
	documents,
	tasks,
	users,
	workspaces,
	TASK_PRIORITIES,
	TASK_STATUSES,
	type DocumentKind,
	type TaskPriority,
	type TaskStatus
} from './db/schema';
import { generateId } from './auth/secrets';
import { badRequest, notFound } from './errors';
import type { TaskEvents } from './task-events';
import { requireOneOf, requireString } from './validate';
import { getMemberRole, requireWorkspaceRole } from './workspaces';

export interface Task {
	id: string;
	workspaceId: string;
	title: string;
	status: TaskStatus;
	priority: TaskPriority;
	assignee: { id: string; name: string } | null;
	dueDate: string | null;
	overdue: boolean;
	source: {
		documentId: string;
		kind: DocumentKind;
		title: string;
		key: string;
		/** Path of the page that shows the item, highlighted. */
		url: string;
		removed: boolean;
	} | null;
	/** The suggestion this task was made from ("make it an action"), if any. */
	suggestionId: string | null;
	createdAt: Date;
	updatedAt: Date;
	completedAt: Date | null;
}

export interface TaskFilters {
	status?: TaskStatus[];
	assigneeId?: string | null;
	sourceDocumentId?: string;
	overdue?: boolean;
	/** Tasks whose source item was deleted are hidden unless asked for. */
	includeRemoved?: boolean;
	sort?: TaskSort;
	order?: 'asc' | 'desc';
}

export const TASK_SORTS = ['due', 'created', 'updated', 'priority', 'status', 'title'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

const OPEN_STATUSES: TaskStatus[] = ['open', 'in_progress', 'blocked'];

/** The workspace's time zone (IANA), or the server's when it never chose one. */
export async function workspaceTimeZone(db: Executor, workspaceId: string): Promise<string> {
	const [row] = await db
		.select({ timeZone: workspaces.timeZone })
		.from(workspaces)
		.where(eq(workspaces.id, workspaceId));
	return row?.timeZone ?? defaultTimeZone();
}

/** Today in the workspace's calendar: due dates are calendar days in its time zone. */
async function workspaceToday(db: Executor, workspaceId: string): Promise<string> {
	return todayIn(await workspaceTimeZone(db, workspaceId));
}

const assignees = alias(users, 'assignee');

/** A manual task made from a suggestion keeps `suggestion:<id>` as its key (suggestions/actions.ts). */
const SUGGESTION_KEY = 'suggestion:';

function toTask(row: {
	id: string;
	workspaceId: string;
	title: string;
	status: TaskStatus;
	priority: TaskPriority;
	assigneeId: string | null;
	assigneeName: string | null;
	dueDate: string | null;
	sourceDocumentId: string | null;
	sourceKey: string | null;
	sourceKind: DocumentKind | null;
	sourceTitle: string | null;
	removedFromSourceAt: Date | null;
	timeZone: string | null;
	createdAt: Date;
	updatedAt: Date;
	completedAt: Date | null;
}): Task {
	const open = OPEN_STATUSES.includes(row.status);
	return {
		id: row.id,
		workspaceId: row.workspaceId,
		title: row.title,
		status: row.status,
		priority: row.priority,
		assignee:
			row.assigneeId && row.assigneeName ? { id: row.assigneeId, name: row.assigneeName } : null,
		dueDate: row.dueDate,
		overdue: open && isOverdue(row.dueDate, todayIn(row.timeZone ?? defaultTimeZone())),
		source:
			row.sourceDocumentId && row.sourceKey && row.sourceKind
				? {
						documentId: row.sourceDocumentId,
						kind: row.sourceKind,
						title: row.sourceTitle ?? '',
						key: row.sourceKey,
						url: `/w/${row.workspaceId}/d/${row.sourceDocumentId}#action-${encodeURIComponent(row.sourceKey)}`,
						removed: row.removedFromSourceAt !== null
					}
				: null,
		suggestionId:
			!row.sourceDocumentId && row.sourceKey?.startsWith(SUGGESTION_KEY)
				? row.sourceKey.slice(SUGGESTION_KEY.length)
				: null,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		completedAt: row.completedAt
	};
}

const taskColumns = {
	id: tasks.id,
	workspaceId: tasks.workspaceId,
	title: tasks.title,
	status: tasks.status,
	priority: tasks.priority,
	assigneeId: tasks.assigneeId,
	assigneeName: assignees.name,
	dueDate: tasks.dueDate,
	sourceDocumentId: tasks.sourceDocumentId,
	sourceKey: tasks.sourceKey,
	sourceKind: documents.kind,
	sourceTitle: documents.title,
	removedFromSourceAt: tasks.removedFromSourceAt,
	timeZone: workspaces.timeZone,
	createdAt: tasks.createdAt,
	updatedAt: tasks.updatedAt,
	completedAt: tasks.completedAt
};

const PRIORITY_RANK = sql`case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
const STATUS_RANK = sql`case ${tasks.status} when 'in_progress' then 0 when 'blocked' then 1 when 'open' then 2 when 'done' then 3 else 4 end`;

function orderBy(sort: TaskSort, order: 'asc' | 'desc'): SQL[] {
	const dir = order === 'desc' ? desc : asc;
	switch (sort) {
		case 'due':
			// Undated tasks last, whatever the direction.
			return [sql`${tasks.dueDate} is null`, dir(tasks.dueDate), desc(tasks.createdAt)];
		case 'created':
			return [dir(tasks.createdAt)];
		case 'updated':
			return [dir(tasks.updatedAt)];
		case 'priority':
			return [order === 'desc' ? sql`${PRIORITY_RANK} desc` : PRIORITY_RANK, desc(tasks.createdAt)];
		case 'status':
			return [order === 'desc' ? sql`${STATUS_RANK} desc` : STATUS_RANK, desc(tasks.createdAt)];
		case 'title':
			return [dir(sql`lower(${tasks.title})`)];
	}
}

function whereFor(workspaceId: string, filters: TaskFilters, today: string): SQL {
	const conditions: SQL[] = [eq(tasks.workspaceId, workspaceId)];
	if (!filters.includeRemoved) conditions.push(isNull(tasks.removedFromSourceAt));
	if (filters.status && filters.status.length > 0)
		conditions.push(inArray(tasks.status, filters.status));
	if (filters.assigneeId === null) conditions.push(isNull(tasks.assigneeId));
	else if (filters.assigneeId) conditions.push(eq(tasks.assigneeId, filters.assigneeId));
	if (filters.sourceDocumentId)
		conditions.push(eq(tasks.sourceDocumentId, filters.sourceDocumentId));
	if (filters.overdue) {
		conditions.push(isNotNull(tasks.dueDate), lt(tasks.dueDate, today));
		conditions.push(inArray(tasks.status, OPEN_STATUSES));
	}
	return and(...conditions)!;
}

export async function listTasks(
	db: Database,
	workspaceId: string,
	filters: TaskFilters = {}
): Promise<Task[]> {
	const today = await workspaceToday(db, workspaceId);
	const rows = await db
		.select(taskColumns)
		.from(tasks)
		.innerJoin(workspaces, eq(workspaces.id, tasks.workspaceId))
		.leftJoin(assignees, eq(assignees.id, tasks.assigneeId))
		.leftJoin(documents, eq(documents.id, tasks.sourceDocumentId))
		.where(whereFor(workspaceId, filters, today))
		.orderBy(...orderBy(filters.sort ?? 'due', filters.order ?? 'asc'));
	return rows.map(toTask);
}

export interface TaskCounts {
	total: number;
	byStatus: Record<TaskStatus, number>;
	overdue: number;
}

/** Counts over the same filters, ignoring the status filter so every status shows its number. */
export async function countTasks(
	db: Database,
	workspaceId: string,
	filters: TaskFilters = {}
): Promise<TaskCounts> {
	const today = await workspaceToday(db, workspaceId);
	const rows = await db
		.select({
			status: tasks.status,
			n: sql<number>`count(*)::int`,
			overdue: sql<number>`count(*) filter (where ${tasks.dueDate} < ${today} and ${inArray(tasks.status, OPEN_STATUSES)})::int`
		})
		.from(tasks)
		.where(whereFor(workspaceId, { ...filters, status: undefined }, today))
		.groupBy(tasks.status);
	const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<
		TaskStatus,
		number
	>;
	let total = 0;
	let overdue = 0;
	for (const row of rows) {
		byStatus[row.status] = Number(row.n);
		total += Number(row.n);
		overdue += Number(row.overdue);
	}
	return { total, byStatus, overdue };
}

export async function getTask(db: Database, taskId: string): Promise<Task | null> {
	const [row] = await db
		.select(taskColumns)
		.from(tasks)
		.innerJoin(workspaces, eq(workspaces.id, tasks.workspaceId))
		.leftJoin(assignees, eq(assignees.id, tasks.assigneeId))
		.leftJoin(documents, eq(documents.id, tasks.sourceDocumentId))
		.where(eq(tasks.id, taskId));
	return row ? toTask(row) : null;
}

async function requireAssignee(
	db: Database,
	workspaceId: string,
	value: unknown
): Promise<string | null> {
	if (value === null || value === '') return null;
	if (typeof value !== 'string') throw badRequest(m.server_assignee_not_id());
	if (!(await getMemberRole(db, workspaceId, value))) {
		throw badRequest(m.server_assignee_not_member());
	}
	return value;
}

function requireDueDate(value: unknown): string | null {
	if (value === null || value === '') return null;
	const date = normalizeDate(value);
	if (!date) throw badRequest(m.server_due_date_invalid());
	return date;
}

export async function createManualTask(
	db: Database,
	events: TaskEvents,
	workspaceId: string,
	actorId: string,
	input: Record<string, unknown>
): Promise<Task> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'editor');
	const title = requireString(input.title, m.server_field_title(), { max: 500 });
	const status = requireOneOf(input.status ?? 'open', 'status', TASK_STATUSES);
	const priority = requireOneOf(input.priority ?? 'normal', 'priority', TASK_PRIORITIES);
	const assigneeId = await requireAssignee(db, workspaceId, input.assigneeId ?? null);
	const dueDate = requireDueDate(input.dueDate ?? null);
	const id = generateId();
	await db.transaction(async (tx) => {
		await tx.insert(tasks).values({
			id,
			workspaceId,
			title,
			status,
			priority,
			assigneeId,
			dueDate,
			createdBy: actorId,
			completedAt: status === 'done' ? new Date() : null
		});
		if (assigneeId) await notifyTasksAssigned({ db: tx }, [{ taskId: id, actorId }]);
	});
	events.publish({ workspaceId, taskIds: [id] });
	return (await getTask(db, id))!;
}

/** Writes a change into a document as the server; see SyncHub.changeDocument. */
export type DocumentChanger = <T>(
	documentId: string,
	change: (doc: import('yjs').Doc) => T
) => Promise<T>;

/**
 * Changes a task. For a task that mirrors a document item, what the document
 * expresses (done, assignee, due date) is written into the document first, as
 * an ordinary update everyone with it open receives; the task row follows.
 * Doing it in that order means a concurrent extraction never sees the
 * document lag behind the row and flip the task back.
 */
export async function updateTask(
	db: Database,
	events: TaskEvents,
	changeDocument: DocumentChanger | null,
	taskId: string,
	actorId: string,
	input: Record<string, unknown>
): Promise<Task> {
	const current = await getTask(db, taskId);
	if (!current) throw notFound(m.server_no_such_task());
	await requireWorkspaceRole(db, current.workspaceId, actorId, 'editor');

	const patch: Partial<typeof tasks.$inferInsert> = {};
	const docChange: ActionChange = {};
	if (input.title !== undefined) {
		if (current.source) {
			throw badRequest(m.server_task_mirrors_document());
		}
		patch.title = requireString(input.title, m.server_field_title(), { max: 500 });
	}
	if (input.status !== undefined) {
		const status = requireOneOf(input.status, 'status', TASK_STATUSES);
		patch.status = status;
		patch.completedAt = status === 'done' ? (current.completedAt ?? new Date()) : null;
		if ((status === 'done') !== (current.status === 'done')) docChange.done = status === 'done';
	}
	if (input.priority !== undefined) {
		patch.priority = requireOneOf(input.priority, 'priority', TASK_PRIORITIES);
	}
	if (input.assigneeId !== undefined) {
		patch.assigneeId = await requireAssignee(db, current.workspaceId, input.assigneeId);
		docChange.assigneeId = patch.assigneeId;
	}
	if (input.dueDate !== undefined) {
		patch.dueDate = requireDueDate(input.dueDate);
		docChange.dueDate = patch.dueDate;
	}
	if (Object.keys(patch).length === 0) {
		throw badRequest(m.server_task_send_something());
	}

	if (current.source && !current.source.removed && Object.keys(docChange).length > 0) {
		const source = actionSources[current.source.kind];
		if (source && changeDocument) {
			const { key, documentId } = current.source;
			await changeDocument(documentId, (doc) => source.applyChange(doc, key, docChange));
		}
	}
	await db.transaction(async (tx) => {
		await tx
			.update(tasks)
			.set({ ...patch, updatedAt: new Date() })
			.where(eq(tasks.id, taskId));
		if (patch.assigneeId && patch.assigneeId !== current.assignee?.id) {
			await notifyTasksAssigned({ db: tx }, [{ taskId, actorId }]);
		}
	});
	events.publish({ workspaceId: current.workspaceId, taskIds: [taskId] });
	return (await getTask(db, taskId))!;
}

/** Parses task-list filters from URL query parameters (API and page alike). */
export function readTaskFilters(params: URLSearchParams, userId: string): TaskFilters {
	const filters: TaskFilters = {};
	const status = params.get('status');
	if (status) {
		filters.status = status.split(',').map((s) => requireOneOf(s.trim(), 'status', TASK_STATUSES));
	}
	const assignee = params.get('assignee');
	if (params.get('mine') === 'true' || assignee === 'me') filters.assigneeId = userId;
	else if (assignee === 'none') filters.assigneeId = null;
	else if (assignee) filters.assigneeId = assignee;
	const source = params.get('source');
	if (source) filters.sourceDocumentId = source;
	if (params.get('overdue') === 'true') filters.overdue = true;
	if (params.get('includeRemoved') === 'true') filters.includeRemoved = true;
	const sort = params.get('sort');
	if (sort) filters.sort = requireOneOf(sort, 'sort', TASK_SORTS);
	const order = params.get('order');
	if (order) filters.order = requireOneOf(order, 'order', ['asc', 'desc'] as const);
	return filters;
}

/** A cell that a spreadsheet would run as a formula is prefixed with a quote. */
function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Byte order mark: Excel on Chinese Windows reads a CSV without one in the
 * system code page (GBK/Big5) and garbles every non-ASCII character.
 */
export const UTF8_BOM = '\uFEFF';

/** The task list as a spreadsheet, in the request's language (headers, statuses, source kinds, yes/no). */
export function tasksToCsv(list: Task[], origin: string): string {
	const header = [
		m.csv_id(),
		m.csv_title(),
		m.csv_status(),
		m.csv_priority(),
		m.csv_assignee(),
		m.csv_due_date(),
		m.csv_overdue(),
		m.csv_source_kind(),
		m.csv_source_document(),
		m.csv_source_link(),
		m.csv_removed_from_source(),
		m.csv_created(),
		m.csv_updated(),
		m.csv_completed()
	];
	const yesNo = (value: boolean) => (value ? m.csv_yes() : m.csv_no());
	// English keeps the status and priority codes that existing scripts read;
	// a Chinese office gets the words it sees on screen.
	const words = getLocale() !== baseLocale;
	const status = (t: Task) => (words ? statusLabel(t.status) : t.status);
	const priority = (t: Task) => (words ? priorityLabel(t.priority) : t.priority);
	const sourceKind = (t: Task) => {
		if (!t.source) return words ? m.tasks_manual() : 'manual';
		return words ? KINDS[t.source.kind].shortLabel() : t.source.kind;
	};
	const lines = [header.join(',')];
	for (const t of list) {
		lines.push(
			[
				t.id,
				t.title,
				status(t),
				priority(t),
				t.assignee?.name ?? '',
				t.dueDate ?? '',
				yesNo(t.overdue),
				sourceKind(t),
				t.source?.title ?? '',
				t.source ? `${origin}${t.source.url}` : '',
				yesNo(t.source?.removed ?? false),
				t.createdAt.toISOString(),
				t.updatedAt.toISOString(),
				t.completedAt?.toISOString() ?? ''
			]
				.map(csvCell)
				.join(',')
		);
	}
	return UTF8_BOM + lines.join('\r\n') + '\r\n';
}
