import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import {
	SESSION_COOKIE,
	sessionCookieOptions,
	validateSessionToken
} from '$lib/server/auth/session';
import { resolveApiToken } from '$lib/server/api-tokens';
import { log } from '$lib/server/log';
import { getRuntime } from '$lib/server/runtime';
import { isSecureRequest } from '$lib/server/http';
import { startJobs } from '$lib/server/jobs';
import { withLocale } from '$lib/server/i18n';
import { LOCALE_COOKIE } from '$lib/i18n/locales';
import { negotiateLocale } from '$lib/i18n/negotiate';
import { m } from '$lib/paraglide/messages';
import { colorSchemeOf, THEME_COOKIE, themeOf } from '$lib/theme';

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
	event.locals.tokenId = null;
	event.locals.auth = null;
	event.locals.locale = 'en';
	event.locals.theme = 'system';

	const authorization = event.request.headers.get('authorization');
	if (authorization?.toLowerCase().startsWith('bearer ')) {
		// A presented token that does not validate is an error, not an anonymous request.
		const resolved = await resolveApiToken(db, authorization.slice(7).trim());
		if (!resolved) {
			// No user to take a saved language from: the browser's choice decides.
			const locale = negotiateLocale({
				cookie: event.cookies.get(LOCALE_COOKIE),
				acceptLanguage: event.request.headers.get('accept-language')
			});
			return Response.json(
				{ error: { code: 'unauthorized', message: m.server_api_token_invalid({}, { locale }) } },
				{ status: 401, headers: { vary: 'Accept-Language, Cookie' } }
			);
		}
		event.locals.user = resolved.user;
		event.locals.tokenId = resolved.tokenId;
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

	const locale = negotiateLocale({
		saved: event.locals.user?.locale,
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.locale = locale;
	const theme = themeOf(event.cookies.get(THEME_COOKIE));
	event.locals.theme = theme;
	const response = await withLocale(event.request, locale, (request) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%lang%', locale)
					.replace('%theme%', theme)
					.replace('%color-scheme%', colorSchemeOf(theme))
		});
	});
	addSecurityHeaders(response.headers);
	// The same URL answers in another language for another cookie or browser.
	response.headers.append('vary', 'Accept-Language, Cookie');
	return response;
};

/**
 * Headers every response carries (the Content-Security-Policy comes from
 * svelte.config.js). HSTS is the reverse proxy's to add: only it knows that
 * the site is served over https.
 */
function addSecurityHeaders(headers: Headers): void {
	const set = (name: string, value: string) => {
		// A page may choose a stricter value of its own (the reset-password page's referrer policy).
		if (!headers.has(name)) headers.set(name, value);
	};
	set('x-content-type-options', 'nosniff');
	set('x-frame-options', 'DENY');
	set('referrer-policy', 'strict-origin-when-cross-origin');
	set('cross-origin-opener-policy', 'same-origin');
	set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		log.error('request failed', { error, path: event.url.pathname, method: event.request.method });
	}
	return { message: status === 404 ? m.error_not_found() : m.error_internal() };
};
