import { json } from '@sveltejs/kit';
import { notFound } from '$lib/server/errors';
import { apiRoute } from '$lib/server/http';
import { describeInvite } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/** What a link offers, so a client can ask before joining. */
export const GET: RequestHandler = apiRoute(async ({ params }) => {
	const { db } = await getRuntime();
	const invite = await describeInvite(db, params.token);
	if (!invite) throw notFound(m.server_invite_link_invalid());
	return json({
		workspaceId: invite.workspaceId,
		workspaceName: invite.workspaceName,
		role: invite.role,
		email: invite.email
	});
});
