import { requireModerator } from '$lib/server/suggestions/access';
import { mergeSuggestion } from '$lib/server/suggestions/merge';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

/** `{into}`: merges this suggestion into another (moderators); reversible with unmerge. */
export const POST: RequestHandler = suggestionAction(async (deps, access, id, body) => {
	await requireModerator(deps.db, access.workspaceId, access.userId);
	await mergeSuggestion(deps, access, id, body);
});
