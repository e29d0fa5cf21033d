import { json } from '@sveltejs/kit';
import { requestPasswordReset } from '$lib/server/accounts/password-reset';
import { appOrigin, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { publicApiRoute } from '../../public-route';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/** 202 whether or not an account uses the email: the answer must not tell who has one. */
export const POST: RequestHandler = publicApiRoute(async (event) => {
	const body = requireObject(await readJson(event.request));
	const { db, config } = await getRuntime();
	await requestPasswordReset(db, {
		email: body.email,
		address: event.getClientAddress(),
		origin: appOrigin(event.url, config)
	});
	return json({ message: m.server_notice_reset_on_its_way() }, { status: 202 });
});
