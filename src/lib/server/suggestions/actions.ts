import { and, eq } from 'drizzle-orm';
import { suggestions, tasks } from '../db/schema';
import { generateId } from '../auth/secrets';
import { conflict, notFound } from '../errors';
import type { SuggestionAccess } from './access';
import type { SuggestionDeps } from './deps';
import { recordEvent } from './events';

/**
 * Makes a suggestion an action: one manual task in the workspace's task list,
 * linked from the suggestion (`task_id`, unique) and back (`source_key`
 * `suggestion:<id>`). The suggestion row is locked first, so two requests at
 * once make one task; a repeat answers the task already made.
 */
export async function makeAction(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string
): Promise<{ taskId: string; created: boolean }> {
	const outcome = await deps.db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(suggestions)
			.where(and(eq(suggestions.id, id), eq(suggestions.workspaceId, access.workspaceId)))
			.for('update');
		if (!row) throw notFound('No such suggestion.');
		if (row.mergedIntoId)
			throw conflict('This suggestion was merged: make the one it was merged into an action.');
		if (row.taskId) return { taskId: row.taskId, created: false };
		const taskId = generateId();
		await tx.insert(tasks).values({
			id: taskId,
			workspaceId: access.workspaceId,
			title: row.title,
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
		return { taskId, created: true };
	});
	if (outcome.created)
		deps.taskEvents.publish({ workspaceId: access.workspaceId, taskIds: [outcome.taskId] });
	return outcome;
}
