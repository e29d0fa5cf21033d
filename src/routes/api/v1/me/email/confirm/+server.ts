import { json } from '@sveltejs/kit';
import { confirmEmailChange } from '$lib/server/accounts/email-change';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { serializeUser } from '../../../serialize';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiRoute(async ({ request }, user) => {
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	return json(serializeUser(await confirmEmailChange(db, user.id, body.token)));
});
