import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { updateCard } from '$lib/server/retro-layout';
import { requireIdParam } from '../../../../../params';
import { readBody, requireBoardId, retroDeps } from '../../retro-route';
import type { RequestHandler } from './$types';

/** The facilitator hides (`hidden`) a card or shows it again; its author corrects its `text`. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const cardId = requireBoardId(params.cardId, 'card');
	const body = await readBody(request);
	return json(await updateCard(await retroDeps(), id, user.id, cardId, body));
});
