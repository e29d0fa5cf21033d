import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { startTimer, stopTimer } from '$lib/server/retro-meeting';
import { requireIdParam } from '../../../../params';
import { readBody, retroDeps } from '../retro-route';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	return json(await startTimer(await retroDeps(), id, user.id, await readBody(request)));
});

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	await stopTimer(await retroDeps(), id, user.id);
	return new Response(null, { status: 204 });
});
