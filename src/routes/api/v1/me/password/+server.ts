import { changePassword } from '$lib/server/accounts/password-change';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import type { RequestHandler } from './$types';

/** Other sessions are signed out; the calling session and every API token keep working. */
export const POST: RequestHandler = apiRoute(async (event, user) => {
	const body = requireObject(await readJson(event.request));
	const { db } = await getRuntime();
	await changePassword(db, {
		userId: user.id,
		currentSessionId: event.locals.sessionId,
		currentPassword: body.currentPassword,
		newPassword: body.newPassword,
		address: event.getClientAddress()
	});
	return new Response(null, { status: 204 });
});
