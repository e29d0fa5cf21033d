import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { acceptInvite } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiRoute(async ({ params }, user) => {
	const { db } = await getRuntime();
	const workspaceId = await acceptInvite(db, params.token, user.id);
	return json({ workspaceId });
});
