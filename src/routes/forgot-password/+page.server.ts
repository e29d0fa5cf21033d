import { redirect } from '@sveltejs/kit';
import { requestPasswordReset } from '$lib/server/accounts/password-reset';
import { appOrigin } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { failFromError, readField } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/settings');
};

export const actions: Actions = {
	default: async (event) => {
		const { db, config } = await getRuntime();
		const email = readField(await event.request.formData(), 'email');
		try {
			await requestPasswordReset(db, {
				email,
				address: event.getClientAddress(),
				origin: appOrigin(event.url, config)
			});
		} catch (caught) {
			return failFromError(caught, { email });
		}
		// The same answer whether or not an account uses the email.
		return { sentTo: email?.trim() ?? '' };
	}
};
