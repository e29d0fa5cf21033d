import { and, between, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { addDays, defaultTimeZone, isDueTomorrow, isOverdue, todayIn } from '$lib/model/dates';
import type { Database } from '../db';
import { documents, tasks, workspaces } from '../db/schema';
import { notify, type CreatedNotification, type NotificationInput } from './commands';
import { taskUrl } from './triggers';

/**
 * A task that became overdue is reported if its due date passed at most this
 * many days ago: a server that was down over a weekend still reports Friday's
 * tasks on Monday, and tasks long overdue before notifications existed do
 * not all arrive at once.
 */
const OVERDUE_LOOKBACK_DAYS = 3;

/**
 * Tells assignees their open task is due tomorrow, or became overdue, each
 * computed in the task's workspace time zone. Every (task, due date) is
 * notified once per kind: a due date moved later may notify again, the same
 * date never does, however often the sweep runs or on how many processes.
 */
export async function sweepDueTasks(
	deps: { db: Database },
	now: Date = new Date()
): Promise<CreatedNotification[]> {
	// Every zone's today lies within a day of UTC's; the exact day is decided per workspace below.
	const utcToday = todayIn('UTC', now);
	const candidates = await deps.db
		.select({
			id: tasks.id,
			workspaceId: tasks.workspaceId,
			title: tasks.title,
			assigneeId: tasks.assigneeId,
			dueDate: tasks.dueDate,
			sourceDocumentId: tasks.sourceDocumentId,
			sourceKey: tasks.sourceKey,
			documentTitle: documents.title,
			workspaceName: workspaces.name,
			timeZone: workspaces.timeZone
		})
		.from(tasks)
		.innerJoin(workspaces, eq(workspaces.id, tasks.workspaceId))
		.leftJoin(documents, eq(documents.id, tasks.sourceDocumentId))
		.where(
			and(
				inArray(tasks.status, ['open', 'in_progress', 'blocked']),
				isNotNull(tasks.assigneeId),
				isNull(tasks.removedFromSourceAt),
				between(tasks.dueDate, addDays(utcToday, -OVERDUE_LOOKBACK_DAYS - 1), addDays(utcToday, 2))
			)
		);
	const fallbackZone = defaultTimeZone();
	const inputs: NotificationInput[] = [];
	for (const task of candidates) {
		const today = todayIn(task.timeZone ?? fallbackZone, now);
		const due = task.dueDate!;
		const data = {
			workspaceName: task.workspaceName,
			taskTitle: task.title,
			documentTitle: task.documentTitle ?? undefined,
			dueDate: due
		};
		const base = {
			recipientId: task.assigneeId!,
			workspaceId: task.workspaceId,
			actorId: null,
			url: taskUrl(task),
			data
		};
		if (isDueTomorrow(due, today)) {
			inputs.push({ ...base, kind: 'task_due', dedupeKey: `task_due:${task.id}:${due}` });
		} else if (isOverdue(due, today) && due >= addDays(today, -OVERDUE_LOOKBACK_DAYS)) {
			inputs.push({ ...base, kind: 'task_overdue', dedupeKey: `task_overdue:${task.id}:${due}` });
		}
	}
	if (inputs.length === 0) return [];
	return deps.db.transaction((tx) => notify({ db: tx }, inputs));
}
