import { eventStream } from '$lib/server/event-stream';
import { apiRoute } from '$lib/server/http';
import { followNotifications } from '$lib/server/notifications/stream';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * The caller's new notifications as Server-Sent Events (see followNotifications).
 * The stream ends when the session or token it was opened with ends.
 */
export const GET: RequestHandler = apiRoute(async (event, user) => {
	const { db, notificationEvents } = await getRuntime();
	// EventSource resends the last id as a header; `?after=` serves clients that cannot set one.
	const lastEventId =
		event.request.headers.get('last-event-id') ?? event.url.searchParams.get('after');
	const start = await followNotifications(
		{ db, events: notificationEvents },
		user.id,
		event.locals.locale,
		lastEventId
	);
	return eventStream(event, { start });
});
