import { fail } from '@sveltejs/kit';
import { describeUnsubscribe, unsubscribe } from '$lib/server/notifications/unsubscribe';
import { getRuntime } from '$lib/server/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/**
 * Works without logging in: the link in the mail is the permission. GET only
 * shows what the button will do (mail scanners follow links); POST does it.
 * Mail clients' one-click POST (RFC 8058) comes without an Origin header, which
 * SvelteKit's form check refuses, so server/one-click-unsubscribe.ts answers it.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const { db } = await getRuntime();
	const target = await describeUnsubscribe(db, params.token);
	return {
		target: target ? { email: target.email, kind: target.kind } : null,
		// Where the one-click handler sends a browser after doing it.
		done: url.searchParams.get('done') === '1'
	};
};

export const actions: Actions = {
	default: async ({ params }) => {
		const { db } = await getRuntime();
		if (!(await unsubscribe(db, params.token))) {
			return fail(404, { message: m.unsubscribe_invalid() });
		}
		return { done: true };
	}
};
