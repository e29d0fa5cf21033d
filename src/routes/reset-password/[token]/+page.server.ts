import { redirect } from '@sveltejs/kit';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { checkPasswordResetLink, resetPassword } from '$lib/server/accounts/password-reset';
import { getRuntime } from '$lib/server/runtime';
import { startBrowserSession } from '../../browser-session';
import { failFromError } from '../../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	// The token is in the path: keep it out of Referer headers to other sites. (Not no-referrer:
	// browsers then send "Origin: null" and the form post is refused as cross-site.)
	setHeaders({ 'referrer-policy': 'same-origin' });
	const { db } = await getRuntime();
	return {
		link: await checkPasswordResetLink(db, params.token),
		minPasswordLength: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { db } = await getRuntime();
		const form = await event.request.formData();
		try {
			const user = await resetPassword(db, {
				token: event.params.token,
				password: form.get('password')
			});
			await startBrowserSession(event, user.id);
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, '/w');
	}
};
