import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { deleteColumn, updateColumn } from '$lib/server/retro-layout';
import { requireIdParam } from '../../../../../params';
import { readBody, requireBoardId, retroDeps } from '../../retro-route';
import type { RequestHandler } from './$types';

/** Renames (`title`) or moves (`index`) a column. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const columnId = requireBoardId(params.columnId, 'column');
	await updateColumn(await retroDeps(), id, user.id, columnId, await readBody(request));
	return json({ id: columnId });
});

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const columnId = requireBoardId(params.columnId, 'column');
	await deleteColumn(await retroDeps(), id, user.id, columnId);
	return new Response(null, { status: 204 });
});
