import { apiRoute } from '$lib/server/http';
import { revokeInvite } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const inviteId = requireIdParam(params.inviteId, 'invitation');
	const { db } = await getRuntime();
	await revokeInvite(db, workspaceId, user.id, inviteId);
	return new Response(null, { status: 204 });
});
