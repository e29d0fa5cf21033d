import { json } from '@sveltejs/kit';
import { apiRoute, appOrigin, readJson } from '$lib/server/http';
import { createEmailInvite, createInvite, listInvites } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import { serializeInvite } from '../../../serialize';
import type { RequestHandler } from './$types';

/** Lists links and email invitations that still work. Their tokens are not stored, so they cannot be shown again. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireWorkspaceRole(db, workspaceId, user.id, 'owner');
	const invites = await listInvites(db, workspaceId);
	return json({ invites: invites.map(serializeInvite) });
});

/**
 * With an `email`, mails an invitation that only that address can accept (its
 * link is in the mail alone). Without one, creates a shareable link and
 * answers with it.
 */
export const POST: RequestHandler = apiRoute(async ({ params, request, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db, config } = await getRuntime();
	if (body.email !== undefined) {
		const invite = await createEmailInvite(
			db,
			{ workspaceId, actorId: user.id, email: body.email, role: body.role },
			{ origin: appOrigin(url, config) }
		);
		return json(serializeInvite(invite), { status: 201 });
	}
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
