import { json } from '@sveltejs/kit';
import { apiRoute, appOrigin } from '$lib/server/http';
import { resendInvite } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../../../../params';
import { serializeInvite } from '../../../../../serialize';
import type { RequestHandler } from './$types';

/** Mails the invitation again with a new link; the link in the earlier mail stops working. */
export const POST: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const inviteId = requireIdParam(params.inviteId, 'invitation');
	const { db, config } = await getRuntime();
	const invite = await resendInvite(
		db,
		{ workspaceId, actorId: user.id, inviteId },
		{ origin: appOrigin(url, config) }
	);
	return json(serializeInvite(invite));
});
