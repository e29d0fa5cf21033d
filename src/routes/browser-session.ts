import type { RequestEvent } from '@sveltejs/kit';
import { createSession, SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import { isSecureRequest } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';

/** Starts a session for this browser (log-in, sign-up, password reset), remembering the device for the sessions list. */
export async function startBrowserSession(event: RequestEvent, userId: string): Promise<void> {
	const { db, config } = await getRuntime();
	const { token, session } = await createSession(db, userId, {
		userAgent: event.request.headers.get('user-agent'),
		ip: event.getClientAddress()
	});
	event.cookies.set(
		SESSION_COOKIE,
		token,
		sessionCookieOptions(isSecureRequest(event.url, config), session.expiresAt)
	);
}
