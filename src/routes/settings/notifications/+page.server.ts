import { NOTIFICATION_KINDS } from '$lib/model/notifications';
import {
	getPreferences,
	readPreferencesInput,
	updatePreferences
} from '$lib/server/notifications/preferences';
import { getRuntime } from '$lib/server/runtime';
import { m } from '$lib/paraglide/messages';
import { failFromError, requireUser } from '../../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	return { preferences: await getPreferences(db, user.id) };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const { db } = await getRuntime();
		try {
			const change = readPreferencesInput({
				channels: Object.fromEntries(
					NOTIFICATION_KINDS.filter((k) => form.has(k)).map((k) => [k, form.get(k)])
				),
				digest: form.get('digest') === 'on'
			});
			await updatePreferences(db, user.id, change);
			return { notice: m.notify_settings_saved() };
		} catch (caught) {
			return failFromError(caught);
		}
	}
};
