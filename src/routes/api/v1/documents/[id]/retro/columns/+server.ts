import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { createColumn } from '$lib/server/retro-layout';
import { requireIdParam } from '../../../../params';
import { readBody, retroDeps } from '../retro-route';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const column = await createColumn(await retroDeps(), id, user.id, await readBody(request));
	return json(column, { status: 201 });
});
