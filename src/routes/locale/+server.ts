import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isAppLocale, LOCALE_COOKIE } from '$lib/i18n/locales';
import { setUserLocale } from '$lib/server/accounts/locale';
import { isSecureRequest } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { safeRedirectTarget } from '../form-errors';

/** A year: a language choice outlives sessions. */
const COOKIE_MAX_AGE = 365 * 24 * 3600;

/**
 * The language switcher's form (header and settings). The choice goes into a
 * cookie for this browser and, when signed in, into the account, so it holds
 * on every device and after logging out and in again. An empty choice means
 * "follow the browser" and clears both. Answered with a redirect, so the next
 * page is rendered whole in the new language.
 */
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const form = await request.formData();
	const choice = form.get('locale');
	const locale = isAppLocale(choice) ? choice : null;
	const { db, config } = await getRuntime();
	const secure = isSecureRequest(url, config);
	if (locale) {
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure,
			maxAge: COOKIE_MAX_AGE
		});
	} else {
		cookies.delete(LOCALE_COOKIE, { path: '/', secure });
	}
	if (locals.user) await setUserLocale(db, locals.user.id, locale);
	const back = form.get('redirectTo');
	redirect(303, safeRedirectTarget(typeof back === 'string' ? back : null, '/'));
};
