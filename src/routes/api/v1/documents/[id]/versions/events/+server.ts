import { getDocumentAccess } from '$lib/server/documents';
import { eventStream } from '$lib/server/event-stream';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireVersionedDocument } from '$lib/server/versions/commands';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/**
 * Server-Sent Events saying the document's versions changed (`event:
 * versions`, no content): the reader fetches the list again. Ends when the
 * reader leaves the workspace or their session or token ends.
 */
export const GET: RequestHandler = apiRoute(async (event, user) => {
	const id = requireIdParam(event.params.id, 'document');
	const runtime = await getRuntime();
	const { document } = await requireVersionedDocument(runtime.db, id, user.id);
	return eventStream(event, {
		workspaceId: document.workspaceId,
		stillAllowed: async () => (await getDocumentAccess(runtime.db, id, user.id)).ok,
		start: runtime.versionEvents.follow(id)
	});
});
