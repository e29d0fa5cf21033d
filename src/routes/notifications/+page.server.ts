import { markRead } from '$lib/server/notifications/commands';
import { listNotifications, readListOptions } from '$lib/server/notifications/queries';
import { serializeNotification } from '$lib/server/notifications/serialize';
import { getRuntime } from '$lib/server/runtime';
import { failFromError, requireUser, throwAsPageError } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const user = requireUser(locals, url);
	depends('app:notifications');
	const { db } = await getRuntime();
	try {
		const options = readListOptions(url.searchParams);
		const page = await listNotifications(db, user.id, locals.locale, {
			...options,
			limit: options.limit ?? 30
		});
		return {
			notifications: page.notifications.map(serializeNotification),
			nextCursor: page.nextCursor,
			unreadOnly: options.unread === true,
			paged: options.before !== undefined
		};
	} catch (caught) {
		throwAsPageError(caught);
	}
};

export const actions: Actions = {
	read: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const id = Number((await request.formData()).get('id'));
		try {
			await markRead(db, user.id, { ids: [id] });
			return { done: true };
		} catch (caught) {
			return failFromError(caught);
		}
	},
	readAll: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		await markRead(db, user.id, { all: true });
		return { done: true };
	}
};
