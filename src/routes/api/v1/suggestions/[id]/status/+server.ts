import { requireModerator } from '$lib/server/suggestions/access';
import { changeStatus } from '$lib/server/suggestions/commands';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

/** `{status, note, result?}`: moderators only; declining needs a note, `done` may carry the result. */
export const POST: RequestHandler = suggestionAction(async (deps, access, id, body) => {
	await requireModerator(deps.db, access.workspaceId, access.userId);
	await changeStatus(deps, access, id, body);
});
