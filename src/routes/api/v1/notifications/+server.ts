import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { listNotifications, readListOptions } from '$lib/server/notifications/queries';
import { serializeNotification } from '$lib/server/notifications/serialize';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async ({ url, locals }, user) => {
	const options = readListOptions(url.searchParams);
	const { db } = await getRuntime();
	const page = await listNotifications(db, user.id, locals.locale, options);
	return json({
		notifications: page.notifications.map(serializeNotification),
		nextCursor: page.nextCursor,
		unreadCount: page.unreadCount
	});
});
