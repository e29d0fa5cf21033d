import { invalidateUserSession } from '$lib/server/auth/session';
import { notFound } from '$lib/server/errors';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const sessionId = requireIdParam(params.id, 'session');
	const { db } = await getRuntime();
	if (!(await invalidateUserSession(db, user.id, sessionId)))
		throw notFound(m.server_no_such_session());
	return new Response(null, { status: 204 });
});
