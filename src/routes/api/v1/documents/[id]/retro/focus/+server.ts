import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { focusTopic } from '$lib/server/retro-meeting';
import { requireIdParam } from '../../../../params';
import { readBody, retroDeps } from '../retro-route';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	return json(await focusTopic(await retroDeps(), id, user.id, await readBody(request)));
});
