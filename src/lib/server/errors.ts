import { m } from '../paraglide/messages.js';

/**
 * An error a user can act on: it carries the HTTP status and a stable code for
 * the JSON API (`{error: {code, message}}`) and a sentence for people. The
 * code never changes with the language; the sentence is written in the
 * request's language where it is thrown (`m.server_…()` reads the locale
 * Paraglide keeps per request).
 * Anything else that is thrown is a bug and answers 500.
 */
export class AppError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'AppError';
	}
}

export const badRequest = (message: string) => new AppError(400, 'bad_request', message);
export const unauthorized = (message = m.server_log_in_first()) =>
	new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const notFound = (message: string) => new AppError(404, 'not_found', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const tooLarge = (message: string) => new AppError(413, 'too_large', message);
export const tooManyRequests = (message: string) => new AppError(429, 'too_many_requests', message);
/** A link that did work once: it was used already or has expired. */
export const gone = (message: string) => new AppError(410, 'gone', message);
