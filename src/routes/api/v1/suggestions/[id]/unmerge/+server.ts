import { requireModerator } from '$lib/server/suggestions/access';
import { unmergeSuggestion } from '$lib/server/suggestions/merge';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = suggestionAction(async (deps, access, id) => {
	await requireModerator(deps.db, access.workspaceId, access.userId);
	await unmergeSuggestion(deps, access, id);
});
