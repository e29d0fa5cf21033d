import { redirect } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { logIn } from '$lib/server/users';
import { startBrowserSession } from '../browser-session';
import { failFromError, readField, safeRedirectTarget } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = {
	default: async (event) => {
		const { db } = await getRuntime();
		const form = await event.request.formData();
		const email = readField(form, 'email');
		try {
			const user = await logIn(
				db,
				{ email, password: form.get('password') },
				event.getClientAddress()
			);
			await startBrowserSession(event, user.id);
		} catch (caught) {
			return failFromError(caught, { email });
		}
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};
