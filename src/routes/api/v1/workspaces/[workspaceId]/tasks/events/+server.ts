import { eventStream } from '$lib/server/event-stream';
import { apiRoute } from '$lib/server/http';
import { log } from '$lib/server/log';
import { getRuntime } from '$lib/server/runtime';
import { getMemberRole, requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/**
 * Server-Sent Events telling an open task list which tasks changed
 * (`event: tasks`, `id: <seq>`, data `{"taskIds": [...]}`), so it can
 * refetch them. Ids are contiguous per workspace; a browser that reconnects
 * (to this process or another) sends the last one as `Last-Event-ID` and gets
 * what it missed. Events carry ids only: what a task says is read through the
 * API, with the reader's permission checked there. The stream ends when the
 * reader leaves the workspace or their session or token ends.
 */
export const GET: RequestHandler = apiRoute(async (event, user) => {
	const workspaceId = requireIdParam(event.params.workspaceId, 'workspace');
	const runtime = await getRuntime();
	await requireWorkspaceRole(runtime.db, workspaceId, user.id);
	const lastEventId = event.request.headers.get('last-event-id');
	// A fresh stream starts at the head as it is now, before it says it is connected.
	const from =
		lastEventId !== null && /^\d{1,15}$/.test(lastEventId)
			? Number(lastEventId)
			: await runtime.taskEvents.head(workspaceId);
	return eventStream(event, {
		workspaceId,
		stillAllowed: async () => (await getMemberRole(runtime.db, workspaceId, user.id)) !== null,
		start: (send) => {
			let stopped = false;
			let stopFollowing = () => {};
			runtime.taskEvents
				.follow(workspaceId, from, (changed) => {
					const data = JSON.stringify({ taskIds: changed.taskIds });
					send(`event: tasks\nid: ${changed.seq}\ndata: ${data}\n\n`);
				})
				.then(
					(stop) => (stopped ? stop() : (stopFollowing = stop)),
					(error: unknown) => log.error('following task events failed', { workspaceId, error })
				);
			return () => {
				stopped = true;
				stopFollowing();
			};
		}
	});
});
