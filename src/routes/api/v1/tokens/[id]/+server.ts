import { apiRoute } from '$lib/server/http';
import { revokeApiToken } from '$lib/server/api-tokens';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../params';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'API token');
	const { db } = await getRuntime();
	await revokeApiToken(db, user.id, id);
	return new Response(null, { status: 204 });
});
