import type { Task, TaskCounts } from '$lib/server/tasks';

/** A task as the API returns it; dates become ISO strings like everywhere else in /api/v1. */
export function serializeTask(task: Task) {
	return {
		id: task.id,
		workspaceId: task.workspaceId,
		title: task.title,
		status: task.status,
		priority: task.priority,
		assignee: task.assignee ? { id: task.assignee.id, name: task.assignee.name } : null,
		dueDate: task.dueDate,
		overdue: task.overdue,
		source: task.source
			? {
					documentId: task.source.documentId,
					kind: task.source.kind,
					title: task.source.title,
					key: task.source.key,
					url: task.source.url,
					removed: task.source.removed
				}
			: null,
		suggestionId: task.suggestionId,
		createdAt: task.createdAt.toISOString(),
		updatedAt: task.updatedAt.toISOString(),
		completedAt: task.completedAt ? task.completedAt.toISOString() : null
	};
}

export function serializeTaskCounts(counts: TaskCounts) {
	return { total: counts.total, byStatus: { ...counts.byStatus }, overdue: counts.overdue };
}
