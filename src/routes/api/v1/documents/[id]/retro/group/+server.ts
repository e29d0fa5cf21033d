import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { groupCardOnto } from '$lib/server/retro-layout';
import { requireIdParam } from '../../../../params';
import { readBody, retroDeps } from '../retro-route';
import type { RequestHandler } from './$types';

/** Drops a card onto another card or a group (`onto`), or out of its group (`onto: null`). */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	return json(await groupCardOnto(await retroDeps(), id, user.id, await readBody(request)));
});
