import { countUnread } from '$lib/server/notifications/queries';
import { getRuntime } from '$lib/server/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const theme = locals.theme;
	if (!locals.user) return { user: null, unreadNotifications: 0, theme };
	const { db } = await getRuntime();
	// The bell's first number; the event stream keeps it current from there.
	return {
		user: locals.user,
		unreadNotifications: await countUnread(db, locals.user.id),
		theme
	};
};
