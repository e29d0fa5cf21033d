import type { RequestEvent } from '@sveltejs/kit';
import { forbidden } from '$lib/server/errors';
import { errorResponse } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

/**
 * Wraps a /api/v1 handler that works without credentials (sign-up, log-in):
 * errors become `{error: {code, message}}` like everywhere else in the API.
 * Browsers always send Origin on POST; refusing foreign ones keeps other
 * sites from creating accounts or burning someone's log-in attempts through
 * a visitor's browser. Scripts send no Origin and are unaffected.
 */
export function publicApiRoute<E extends RequestEvent>(
	handler: (event: E) => Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			const origin = event.request.headers.get('origin');
			if (origin && origin !== event.url.origin) {
				throw forbidden(m.server_cross_site_refused());
			}
			return await handler(event);
		} catch (error) {
			return errorResponse(error, { path: event.url.pathname, method: event.request.method });
		}
	};
}
