import { json, type RequestEvent } from '@sveltejs/kit';
import { AppError, badRequest, forbidden, tooLarge, unauthorized } from './errors';
import type { Config } from './config';
import { log } from './log';
import { m } from '../paraglide/messages.js';
import { findUnstorableString } from './validate';
import type { SessionUser } from './auth/session';

export function isSecureRequest(url: URL, config: Config): boolean {
	return config.origin ? config.origin.startsWith('https:') : url.protocol === 'https:';
}

/** The app's own origin: ORIGIN when set, else what the request was addressed to. */
export function appOrigin(url: URL, config: Config): string {
	return config.origin ?? url.origin;
}

/**
 * PostgreSQL's answer to text it cannot store (U+0000, or bytes that are not
 * UTF-8). Input is checked before it gets there; this is the net for a path
 * that was missed, so the person still gets a 400 and not a 500.
 */
function isUnstorableTextError(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '22021' || code === '22P05';
}

export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
	if (error instanceof AppError) {
		// A body refused as too large is left unread: the connection must close
		// with the answer, or the client's next request on it meets the rest of
		// this body and is reset.
		const headers: Record<string, string> = error.status === 413 ? { connection: 'close' } : {};
		return json(
			{ error: { code: error.code, message: error.message } },
			{ status: error.status, headers }
		);
	}
	if (isUnstorableTextError(error)) {
		log.warn('refused text the database cannot store', context);
		return json(
			{
				error: { code: 'bad_request', message: m.server_body_unstorable() }
			},
			{ status: 400 }
		);
	}
	log.error('API request failed', { error, ...context });
	return json({ error: { code: 'internal', message: m.server_internal_error() } }, { status: 500 });
}

/** JSON bodies larger than this are refused with 413 before parsing. */
const MAX_JSON_BYTES = 1024 * 1024;

export async function readJson(request: Request): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > MAX_JSON_BYTES) throw tooLarge(m.server_body_too_large());
	let text: string;
	try {
		text = await request.text();
	} catch (error) {
		// adapter-node stops reading past BODY_SIZE_LIMIT (or a lying content-length)
		// by failing the body stream with status 413; that is the client's mistake, not a 500.
		if ((error as { status?: unknown } | null)?.status === 413) {
			throw tooLarge(m.server_body_too_large());
		}
		throw error;
	}
	if (text.length > MAX_JSON_BYTES) throw tooLarge(m.server_body_too_large());
	if (text.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw badRequest(m.server_body_not_json());
	}
	const unstorable = findUnstorableString(parsed);
	if (unstorable !== null) {
		throw badRequest(m.server_field_unstorable({ field: unstorable }));
	}
	return parsed;
}

/**
 * Wraps a /api/v1 handler: it needs a user (cookie or bearer token), and every
 * error becomes `{error: {code, message}}`. Cookie-authenticated requests that
 * change something must come from our own origin: a cross-site page could
 * otherwise post a text/plain body with the visitor's cookie.
 */
export function apiRoute<E extends RequestEvent>(
	handler: (event: E, user: SessionUser) => Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			const user = event.locals.user;
			if (!user) throw unauthorized(m.server_api_login_required());
			if (event.locals.auth === 'session' && event.request.method !== 'GET') {
				const origin = event.request.headers.get('origin');
				if (origin && origin !== event.url.origin) {
					throw forbidden(m.server_cross_site_refused());
				}
			}
			return await handler(event, user);
		} catch (error) {
			return errorResponse(error, { path: event.url.pathname, method: event.request.method });
		}
	};
}
