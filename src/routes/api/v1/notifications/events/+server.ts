import { credentialCheck } from '$lib/server/auth/still-valid';
import { apiRoute } from '$lib/server/http';
import { openNotificationStream } from '$lib/server/notifications/stream';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The caller's new notifications as Server-Sent Events (see openNotificationStream). */
export const GET: RequestHandler = apiRoute(async ({ request, url, locals }, user) => {
	const { db, notificationEvents } = await getRuntime();
	const stillAllowed = credentialCheck(db, {
		auth: locals.auth,
		sessionId: locals.sessionId,
		authorization: request.headers.get('authorization')
	});
	// EventSource resends the last id as a header; `?after=` serves clients that cannot set one.
	const lastEventId = request.headers.get('last-event-id') ?? url.searchParams.get('after');
	const body = await openNotificationStream(
		{ db, events: notificationEvents, stillAllowed },
		user.id,
		lastEventId,
		request.signal
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Stops nginx from buffering the stream.
			'x-accel-buffering': 'no'
		}
	});
});
