import { makeAction } from '$lib/server/suggestions/actions';
import { requireModerator } from '$lib/server/suggestions/access';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

/** Makes it an action: one task in the task list, however often this is sent. */
export const POST: RequestHandler = suggestionAction(async (deps, access, id, body) => {
	await requireModerator(deps.db, access.workspaceId, access.userId);
	await makeAction(deps, access, id, body);
});
