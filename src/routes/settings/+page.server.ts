import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/api-tokens';
import { getRuntime } from '$lib/server/runtime';
import { requireString } from '$lib/server/validate';
import { failFromError, readField, requireUser } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	return { tokens: await listApiTokens(db, user.id) };
};

export const actions: Actions = {
	createToken: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const name = readField(await request.formData(), 'name');
		try {
			const created = await createApiToken(db, user.id, name);
			return { action: 'createToken', token: created.token, tokenName: created.name };
		} catch (caught) {
			return failFromError(caught, { action: 'createToken', name });
		}
	},

	revokeToken: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			await revokeApiToken(db, user.id, requireString(form.get('id'), 'Token'));
			return { action: 'revokeToken', notice: 'The token was revoked.' };
		} catch (caught) {
			return failFromError(caught, { action: 'revokeToken' });
		}
	}
};
