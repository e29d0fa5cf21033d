import { setFollowing } from '$lib/server/suggestions/commands';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = suggestionAction((deps, access, id) =>
	setFollowing(deps, access, id, true)
);
export const DELETE: RequestHandler = suggestionAction((deps, access, id) =>
	setFollowing(deps, access, id, false)
);
