import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { reviewAction } from '$lib/server/retro-meeting';
import { requireIdParam } from '../../../../../params';
import { readBody, retroDeps } from '../../retro-route';
import type { RequestHandler } from './$types';

/** Marks an earlier retro's action done, still open or dropped. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const taskId = requireIdParam(params.taskId, 'task');
	const body = await readBody(request);
	return json(await reviewAction(await retroDeps(), id, user.id, taskId, body));
});
