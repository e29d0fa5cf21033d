import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import {
	getPreferences,
	readPreferencesInput,
	updatePreferences
} from '$lib/server/notifications/preferences';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async (_event, user) => {
	const { db } = await getRuntime();
	return json(await getPreferences(db, user.id));
});

export const PUT: RequestHandler = apiRoute(async ({ request }, user) => {
	const change = readPreferencesInput(await readJson(request));
	const { db } = await getRuntime();
	return json(await updatePreferences(db, user.id, change));
});
