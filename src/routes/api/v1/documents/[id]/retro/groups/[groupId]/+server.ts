import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { renameBoardGroup } from '$lib/server/retro-layout';
import { requireIdParam } from '../../../../../params';
import { readBody, requireBoardId, retroDeps } from '../../retro-route';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const groupId = requireBoardId(params.groupId, 'group');
	const body = await readBody(request);
	return json(await renameBoardGroup(await retroDeps(), id, user.id, groupId, body));
});
