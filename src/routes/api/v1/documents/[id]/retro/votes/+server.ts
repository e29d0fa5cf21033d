import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { castVote } from '$lib/server/retro-votes';
import { requireIdParam } from '../../../../params';
import { readBody, retroDeps } from '../retro-route';
import type { RequestHandler } from './$types';

/** Adds (`delta: 1`) or takes back (`delta: -1`) one vote, within the board's limits. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	return json(await castVote(await retroDeps(), id, user.id, await readBody(request)));
});
