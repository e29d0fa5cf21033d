import { json } from '@sveltejs/kit';
import { deleteAccount } from '$lib/server/accounts/deletion';
import { renameUser } from '$lib/server/accounts/profile';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { serializeUser } from '../serialize';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async (_event, user) => json(serializeUser(user)));

export const PATCH: RequestHandler = apiRoute(async ({ request }, user) => {
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	return json(serializeUser(await renameUser(db, user.id, body.name)));
});

/** Deletes the account; workspaces where the caller is the only member go with it when `deleteWorkspaces` is true. */
export const DELETE: RequestHandler = apiRoute(async (event, user) => {
	const body = requireObject(await readJson(event.request));
	const { db } = await getRuntime();
	const { deletedWorkspaces } = await deleteAccount(
		{ db },
		{
			userId: user.id,
			password: body.password,
			deleteWorkspaces: body.deleteWorkspaces,
			address: event.getClientAddress()
		}
	);
	return json({ deletedWorkspaces });
});
