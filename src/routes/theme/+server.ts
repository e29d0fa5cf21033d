import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isSecureRequest } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { isTheme, THEME_COOKIE } from '$lib/theme';
import { safeRedirectTarget } from '../form-errors';

/** A year: an appearance choice outlives sessions. */
const COOKIE_MAX_AGE = 365 * 24 * 3600;

/**
 * The theme form in settings. The choice is this browser's (a phone may want
 * dark, the office screen light), so it lives in a cookie only; "system"
 * clears it. Answered with a redirect: the next page is rendered in the theme.
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const choice = form.get('theme');
	const { config } = await getRuntime();
	const secure = isSecureRequest(url, config);
	if (isTheme(choice) && choice !== 'system') {
		cookies.set(THEME_COOKIE, choice, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure,
			maxAge: COOKIE_MAX_AGE
		});
	} else {
		cookies.delete(THEME_COOKIE, { path: '/', secure });
	}
	const back = form.get('redirectTo');
	redirect(303, safeRedirectTarget(typeof back === 'string' ? back : null, '/'));
};
