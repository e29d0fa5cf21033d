import { vote, withdrawVote } from '$lib/server/suggestions/commands';
import { suggestionAction } from '../../suggestion-route';
import type { RequestHandler } from './$types';

/** "Me too": once per person; voting again changes nothing. */
export const POST: RequestHandler = suggestionAction((deps, access, id) => vote(deps, access, id));
export const DELETE: RequestHandler = suggestionAction((deps, access, id) =>
	withdrawVote(deps, access, id)
);
