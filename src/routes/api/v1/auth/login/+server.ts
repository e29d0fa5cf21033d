import { json } from '@sveltejs/kit';
import { createApiToken } from '$lib/server/api-tokens';
import { readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { logIn } from '$lib/server/users';
import { requireObject, requireString } from '$lib/server/validate';
import { publicApiRoute } from '../../public-route';
import type { RequestHandler } from './$types';

/**
 * Exchanges an email and password for a new personal API token. Failures are
 * throttled per email and per client address (429 once over the limit).
 */
export const POST: RequestHandler = publicApiRoute(async (event) => {
	const body = requireObject(await readJson(event.request));
	const { db } = await getRuntime();
	const user = await logIn(
		db,
		{ email: body.email, password: body.password },
		event.getClientAddress()
	);
	const tokenName =
		body.tokenName === undefined
			? 'login'
			: requireString(body.tokenName, 'tokenName', { max: 100 });
	const { token } = await createApiToken(db, user.id, tokenName);
	return json({ user: { id: user.id, name: user.name, email: user.email }, token });
});
