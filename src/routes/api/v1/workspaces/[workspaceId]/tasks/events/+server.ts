import { eventStream } from '$lib/server/event-stream';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import type { TasksChanged } from '$lib/server/task-events';
import { getMemberRole, requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/**
 * Server-Sent Events telling an open task list which tasks changed
 * (`event: tasks`, data `{"taskIds": [...]}`), so it can refetch them.
 * Events carry ids only: what a task says is read through the API, with the
 * reader's permission checked there. The stream ends when the reader leaves
 * the workspace or their session or token ends.
 */
export const GET: RequestHandler = apiRoute(async (event, user) => {
	const workspaceId = requireIdParam(event.params.workspaceId, 'workspace');
	const runtime = await getRuntime();
	await requireWorkspaceRole(runtime.db, workspaceId, user.id);
	return eventStream(event, {
		workspaceId,
		stillAllowed: async () => (await getMemberRole(runtime.db, workspaceId, user.id)) !== null,
		start: (send) =>
			runtime.taskEvents.subscribe(workspaceId, (changed: TasksChanged) => {
				send(`event: tasks\ndata: ${JSON.stringify({ taskIds: changed.taskIds })}\n\n`);
			})
	});
});
