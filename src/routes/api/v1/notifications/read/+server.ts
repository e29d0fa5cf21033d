import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { markRead } from '$lib/server/notifications/commands';
import { countUnread } from '$lib/server/notifications/queries';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiRoute(async ({ request }, user) => {
	const body = await readJson(request);
	const { db } = await getRuntime();
	const marked = await markRead(db, user.id, body);
	return json({ marked, unreadCount: await countUnread(db, user.id) });
});
