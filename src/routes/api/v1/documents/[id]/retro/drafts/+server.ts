import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { createDraft } from '$lib/server/retro-drafts';
import { readPersonalState } from '$lib/server/retro-meeting';
import { requireIdParam } from '../../../../params';
import { readBody, retroDeps, serializeDraft } from '../retro-route';
import type { RequestHandler } from './$types';

/** Your own private cards; nobody else's are ever listed. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { drafts } = await readPersonalState(await retroDeps(), id, user.id);
	return json({ drafts: drafts.map(serializeDraft) });
});

export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const draft = await createDraft(await retroDeps(), id, user.id, await readBody(request));
	return json(serializeDraft(draft), { status: 201 });
});
