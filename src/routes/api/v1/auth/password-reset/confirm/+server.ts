import { json } from '@sveltejs/kit';
import { resetPassword } from '$lib/server/accounts/password-reset';
import { readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { publicApiRoute } from '../../../public-route';
import { serializeUser } from '../../../serialize';
import type { RequestHandler } from './$types';

/** Sets the new password; every session of the account is signed out, API tokens stay. */
export const POST: RequestHandler = publicApiRoute(async ({ request }) => {
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const user = await resetPassword(db, { token: body.token, password: body.password });
	return json({ user: serializeUser(user) });
});
