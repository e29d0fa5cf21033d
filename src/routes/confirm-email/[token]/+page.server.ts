import { confirmEmailChange, describeEmailChange } from '$lib/server/accounts/email-change';
import { getRuntime } from '$lib/server/runtime';
import { failFromError, requireUser } from '../../form-errors';
import type { Actions, PageServerLoad } from './$types';

/** Confirming needs the account that asked to be logged in (see confirmEmailChange). */
export const load: PageServerLoad = async ({ params, locals, url, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'same-origin' });
	requireUser(locals, url);
	const { db } = await getRuntime();
	const change = await describeEmailChange(db, params.token);
	return { link: change?.state ?? 'unknown', newEmail: change?.email ?? null };
};

export const actions: Actions = {
	default: async ({ params, locals, url }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		try {
			const changed = await confirmEmailChange(db, user.id, params.token);
			return { confirmed: changed.email };
		} catch (caught) {
			return failFromError(caught);
		}
	}
};
