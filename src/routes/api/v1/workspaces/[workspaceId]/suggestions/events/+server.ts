import { eventStream } from '$lib/server/event-stream';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireSuggestionAccess } from '$lib/server/suggestions/access';
import { followSuggestions } from '$lib/server/suggestions/stream';
import { getMemberRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/**
 * Server-Sent Events naming the suggestions of a workspace that changed
 * (`event: suggestion`, data `{suggestionId, kind}`); see followSuggestions.
 * Ends when the reader leaves the workspace or their session or token ends.
 */
export const GET: RequestHandler = apiRoute(async (event, user) => {
	const workspaceId = requireIdParam(event.params.workspaceId, 'workspace');
	const runtime = await getRuntime();
	await requireSuggestionAccess(runtime.db, workspaceId, user.id);
	const lastEventId =
		event.request.headers.get('last-event-id') ?? event.url.searchParams.get('after');
	const start = await followSuggestions(
		{ db: runtime.db, events: runtime.suggestionEvents },
		workspaceId,
		lastEventId
	);
	return eventStream(event, {
		workspaceId,
		stillAllowed: async () => (await getMemberRole(runtime.db, workspaceId, user.id)) !== null,
		start
	});
});
