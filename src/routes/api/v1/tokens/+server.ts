import { json } from '@sveltejs/kit';
import { createApiToken, listApiTokens } from '$lib/server/api-tokens';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { serializeToken } from '../serialize';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async (_event, user) => {
	const { db } = await getRuntime();
	const tokens = await listApiTokens(db, user.id);
	return json({ tokens: tokens.map(serializeToken) });
});

/** The secret is in this response only; it is stored hashed and cannot be shown again. */
export const POST: RequestHandler = apiRoute(async ({ request }, user) => {
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const created = await createApiToken(db, user.id, body.name);
	return json({ ...serializeToken(created), token: created.token }, { status: 201 });
});
