import { and, eq } from 'drizzle-orm';
import { suggestions, tasks } from '../db/schema';
import { generateId } from '../auth/secrets';
import { m } from '$lib/paraglide/messages';
import { normalizeDate } from '$lib/model/actions';
import { conflict, notFound } from '../errors';
import { notifyTasksAssigned } from '../notifications/triggers';
import { getMemberRole } from '../workspaces';
import { fieldError, requireText } from './fields';
import type { SuggestionAccess } from './access';
import type { SuggestionDeps } from './deps';
import { recordEvent } from './events';

/** `{title?, assigneeId?, due?}`: the title defaults to the suggestion's. */
async function readTaskInput(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	input: Record<string, unknown>
) {
	const title =
		input.title === undefined || input.title === null || input.title === ''
			? null
			: requireText(input.title, 'title', 500);
	let assigneeId: string | null = null;
	if (input.assigneeId !== undefined && input.assigneeId !== null && input.assigneeId !== '') {
		if (
			typeof input.assigneeId !== 'string' ||
			!(await getMemberRole(deps.db, access.workspaceId, input.assigneeId))
		) {
			throw fieldError('assigneeId', m.suggestions_error_assignee);
		}
		assigneeId = input.assigneeId;
	}
	let dueDate: string | null = null;
	if (input.due !== undefined && input.due !== null && input.due !== '') {
		dueDate = normalizeDate(input.due);
		if (!dueDate) throw fieldError('due', m.suggestions_error_due);
	}
	return { title, assigneeId, dueDate };
}

/**
 * Makes a suggestion an action: one manual task in the workspace's task list,
 * linked from the suggestion (`task_id`, unique) and back (`source_key`
 * `suggestion:<id>`). The suggestion row is locked first, so two requests at
 * once make one task; a repeat answers the task already made.
 */
export async function makeAction(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	input: Record<string, unknown> = {}
): Promise<{ taskId: string; created: boolean }> {
	const task = await readTaskInput(deps, access, input);
	const outcome = await deps.db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(suggestions)
			.where(and(eq(suggestions.id, id), eq(suggestions.workspaceId, access.workspaceId)))
			.for('update');
		if (!row) throw notFound(m.suggestions_error_not_found());
		if (row.mergedIntoId) throw conflict(m.suggestions_error_action_merged());
		if (row.taskId) return { taskId: row.taskId, created: false };
		const taskId = generateId();
		await tx.insert(tasks).values({
			id: taskId,
			workspaceId: access.workspaceId,
			title: task.title ?? row.title,
			assigneeId: task.assigneeId,
			dueDate: task.dueDate,
			sourceKey: `suggestion:${id}`,
			createdBy: access.userId
		});
		await tx
			.update(suggestions)
			.set({ taskId, updatedAt: new Date(), attendedAt: new Date() })
			.where(eq(suggestions.id, id));
		await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId: id,
			kind: 'task',
			actorId: access.userId,
			data: { taskId }
		});
		if (task.assigneeId) {
			await notifyTasksAssigned({ db: tx }, [{ taskId, actorId: access.userId }]);
		}
		return { taskId, created: true };
	});
	if (outcome.created)
		deps.taskEvents.publish({ workspaceId: access.workspaceId, taskIds: [outcome.taskId] });
	return outcome;
}
