import { requireModerator } from '$lib/server/suggestions/access';
import { attachToFlowStep } from '$lib/server/suggestions/links';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

/** `{documentId, nodeId}`: an improvement note on that flow step linking back here (moderators). */
export const POST: RequestHandler = suggestionAction(async (deps, access, id, body, _user, url) => {
	await requireModerator(deps.db, access.workspaceId, access.userId);
	await attachToFlowStep(deps, access, id, body, url);
});
