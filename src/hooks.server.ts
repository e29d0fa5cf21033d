import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import {
	SESSION_COOKIE,
	sessionCookieOptions,
	validateSessionToken
} from '$lib/server/auth/session';
import { validateApiToken } from '$lib/server/api-tokens';
import { log } from '$lib/server/log';
import { getRuntime } from '$lib/server/runtime';
import { isSecureRequest } from '$lib/server/http';
import { startJobs } from '$lib/server/jobs';

/** Background work starts with the app, in `npm start` and `npm run dev` alike. */
export const init: ServerInit = async () => {
	startJobs(await getRuntime());
};

export const handle: Handle = async ({ event, resolve }) => {
	const runtime = await getRuntime();
	const { db } = runtime;

	if (event.url.pathname === '/healthz') {
		try {
			await db.execute(sql`select 1`);
			return Response.json({ status: 'ok', database: runtime.database.engine });
		} catch (error) {
			log.error('health check failed', { error });
			return Response.json({ status: 'error' }, { status: 503 });
		}
	}

	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.auth = null;

	const authorization = event.request.headers.get('authorization');
	if (authorization?.toLowerCase().startsWith('bearer ')) {
		// A presented token that does not validate is an error, not an anonymous request.
		const user = await validateApiToken(db, authorization.slice(7).trim());
		if (!user) {
			return Response.json(
				{ error: { code: 'unauthorized', message: 'The API token is not valid.' } },
				{ status: 401 }
			);
		}
		event.locals.user = user;
		event.locals.auth = 'token';
	} else {
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const result = await validateSessionToken(db, token);
			if (result) {
				event.locals.user = result.user;
				event.locals.sessionId = result.session.id;
				event.locals.auth = 'session';
				if (result.renewed) {
					event.cookies.set(
						SESSION_COOKIE,
						token,
						sessionCookieOptions(
							isSecureRequest(event.url, runtime.config),
							result.session.expiresAt
						)
					);
				}
			} else {
				event.cookies.delete(SESSION_COOKIE, { path: '/' });
			}
		}
	}

	return resolve(event);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		log.error('request failed', { error, path: event.url.pathname, method: event.request.method });
	}
	return { message: status === 404 ? 'Not found.' : 'Something went wrong on our side.' };
};
