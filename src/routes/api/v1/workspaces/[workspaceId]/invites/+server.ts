import { json } from '@sveltejs/kit';
import { apiRoute, appOrigin, readJson } from '$lib/server/http';
import { createInvite, listInvites } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import { serializeInvite } from '../../../serialize';
import type { RequestHandler } from './$types';

/** Lists links that still work. Their tokens are not stored, so they cannot be shown again. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireWorkspaceRole(db, workspaceId, user.id, 'owner');
	const invites = await listInvites(db, workspaceId);
	return json({ invites: invites.map(serializeInvite) });
});

export const POST: RequestHandler = apiRoute(async ({ params, request, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db, config } = await getRuntime();
	const invite = await createInvite(db, workspaceId, user.id, body.role);
	return json(
		{
			...serializeInvite(invite),
			token: invite.token,
			url: `${appOrigin(url, config)}/invite/${invite.token}`
		},
		{ status: 201 }
	);
});
