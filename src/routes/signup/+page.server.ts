import { redirect } from '@sveltejs/kit';
import { createSession, SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { isSecureRequest } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { signUp } from '$lib/server/users';
import { failFromError, readField, safeRedirectTarget } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, minPasswordLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const { db, config } = await getRuntime();
		const form = await request.formData();
		const name = readField(form, 'name');
		const email = readField(form, 'email');
		let session;
		try {
			const user = await signUp(db, { name, email, password: form.get('password') });
			session = await createSession(db, user.id);
		} catch (caught) {
			return failFromError(caught, { name, email });
		}
		cookies.set(
			SESSION_COOKIE,
			session.token,
			sessionCookieOptions(isSecureRequest(url, config), session.session.expiresAt)
		);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	}
};
