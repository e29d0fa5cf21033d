import { requireModerator } from '$lib/server/suggestions/access';
import { takeToReviewMeeting } from '$lib/server/suggestions/links';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

/** `{documentId, columnId?}`: a topic on that retro board linking back here (moderators). */
export const POST: RequestHandler = suggestionAction(async (deps, access, id, body, _user, url) => {
	await requireModerator(deps.db, access.workspaceId, access.userId);
	await takeToReviewMeeting(deps, access, id, body, url);
});
