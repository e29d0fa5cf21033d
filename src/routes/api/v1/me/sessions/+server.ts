import { json } from '@sveltejs/kit';
import { invalidateOtherSessions, listSessions } from '$lib/server/auth/session';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { serializeSession } from '../../serialize';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async ({ locals }, user) => {
	const { db } = await getRuntime();
	const sessions = await listSessions(db, user.id, locals.sessionId);
	return json({ sessions: sessions.map(serializeSession) });
});

/** Signs out every session but the caller's own (all of them when called with an API token). */
export const DELETE: RequestHandler = apiRoute(async ({ locals }, user) => {
	const { db } = await getRuntime();
	await invalidateOtherSessions(db, user.id, locals.sessionId);
	return new Response(null, { status: 204 });
});
