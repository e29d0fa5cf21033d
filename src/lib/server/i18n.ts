import { paraglideMiddleware } from '../paraglide/server.js';
import { defineCustomServerStrategy } from '../paraglide/runtime.js';
import type { AppLocale } from '../i18n/locales';

/**
 * The locale hooks.server.ts negotiated for each request (saved setting,
 * cookie, Accept-Language: src/lib/i18n/negotiate.ts). Paraglide's
 * `custom-negotiated` strategy reads it back, and its middleware keeps it in
 * AsyncLocalStorage for the request's lifetime — never in a process global,
 * since one process answers many people at once.
 */
const negotiated = new WeakMap<Request, AppLocale>();

defineCustomServerStrategy('custom-negotiated', {
	getLocale: (request) => (request ? negotiated.get(request) : undefined)
});

/** Runs `handle` with `locale` as every message function's language. */
export function withLocale(
	request: Request,
	locale: AppLocale,
	handle: (request: Request) => Response | Promise<Response>
): Promise<Response> {
	negotiated.set(request, locale);
	return paraglideMiddleware(request, ({ request: localized }) => handle(localized));
}
