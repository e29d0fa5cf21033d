import { AppError } from '$lib/server/errors';
import { getRuntime } from '$lib/server/runtime';
import { listCategories, requireSuggestionAccess } from '$lib/server/suggestions/access';
import {
	countSuggestions,
	listSuggestions,
	readSuggestionFilters,
	type SuggestionFilters
} from '$lib/server/suggestions/queries';
import { requireUser, throwAsPageError } from '../../../form-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals, depends }) => {
	// The page's EventSource invalidates this key when a suggestion changes.
	depends('app:suggestions');
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	let filters: SuggestionFilters = {};
	let filterError: string | null = null;
	try {
		filters = readSuggestionFilters(url.searchParams);
	} catch (caught) {
		if (!(caught instanceof AppError)) throw caught;
		filterError = `${caught.message} Showing all suggestions instead.`;
	}
	try {
		const access = await requireSuggestionAccess(db, workspace.id, user.id);
		if (filters.waiting && !access.moderator) filters.waiting = false;
		const [suggestions, counts, categories] = await Promise.all([
			listSuggestions(db, access, user, filters),
			countSuggestions(db, access, filters),
			listCategories(db, workspace.id)
		]);
		return { suggestions, counts, categories, moderator: access.moderator, filterError };
	} catch (caught) {
		throwAsPageError(caught);
	}
};
