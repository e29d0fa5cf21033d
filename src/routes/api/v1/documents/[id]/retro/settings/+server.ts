import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { changeSettings } from '$lib/server/retro-meeting';
import { requireIdParam } from '../../../../params';
import { readBody, retroDeps } from '../retro-route';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	return json(await changeSettings(await retroDeps(), id, user.id, await readBody(request)));
});
