import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { deleteDraft, updateDraft } from '$lib/server/retro-drafts';
import { requireIdParam } from '../../../../../params';
import { readBody, requireBoardId, retroDeps, serializeDraft } from '../../retro-route';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const draftId = requireBoardId(params.draftId, 'card of yours');
	const body = await readBody(request);
	return json(serializeDraft(await updateDraft(await retroDeps(), id, user.id, draftId, body)));
});

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const draftId = requireBoardId(params.draftId, 'card of yours');
	await deleteDraft(await retroDeps(), id, user.id, draftId);
	return new Response(null, { status: 204 });
});
