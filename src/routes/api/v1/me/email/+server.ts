import { json } from '@sveltejs/kit';
import { requestEmailChange } from '$lib/server/accounts/email-change';
import { apiRoute, appOrigin, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import type { RequestHandler } from './$types';

/** Mails a confirmation link to the new address; the email changes only when it is followed. */
export const POST: RequestHandler = apiRoute(async (event, user) => {
	const body = requireObject(await readJson(event.request));
	const { db, config } = await getRuntime();
	const { email } = await requestEmailChange(db, {
		user,
		email: body.email,
		password: body.password,
		address: event.getClientAddress(),
		origin: appOrigin(event.url, config)
	});
	return json({ pendingEmail: email }, { status: 202 });
});
