import { redirect } from '@sveltejs/kit';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { isSecureRequest } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// Logging out changes state, so it is a POST only; a visit just goes home.
export const load: PageServerLoad = () => {
	redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const { db, config } = await getRuntime();
		if (locals.sessionId) await invalidateSession(db, locals.sessionId);
		cookies.delete(SESSION_COOKIE, { path: '/', secure: isSecureRequest(url, config) });
		redirect(303, '/');
	}
};
