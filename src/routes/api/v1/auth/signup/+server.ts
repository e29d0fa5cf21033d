import { json } from '@sveltejs/kit';
import { createApiToken } from '$lib/server/api-tokens';
import { readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { signUp } from '$lib/server/users';
import { requireObject } from '$lib/server/validate';
import { publicApiRoute } from '../../public-route';
import type { RequestHandler } from './$types';

/** Creates an account and answers with a personal API token for it: the API's way in without a browser. */
export const POST: RequestHandler = publicApiRoute(async ({ request }) => {
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const user = await signUp(db, { name: body.name, email: body.email, password: body.password });
	const { token } = await createApiToken(db, user.id, 'signup');
	return json(
		{ user: { id: user.id, name: user.name, email: user.email }, token },
		{ status: 201 }
	);
});
