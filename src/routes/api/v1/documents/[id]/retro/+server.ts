import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { readPersonalState } from '$lib/server/retro-meeting';
import { requireIdParam } from '../../../params';
import { retroDeps, serializeDraft } from './retro-route';
import type { RequestHandler } from './$types';

/** What only the caller sees on the board: private cards, votes, and the server's clock. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const state = await readPersonalState(await retroDeps(), id, user.id);
	return json({
		...state,
		drafts: state.drafts.map(serializeDraft)
	});
});
