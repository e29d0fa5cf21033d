import { m } from '$lib/paraglide/messages';
import { AppError } from '$lib/server/errors';
import { getRuntime } from '$lib/server/runtime';
import { listCategories, requireSuggestionAccess } from '$lib/server/suggestions/access';
import { readSettings } from '$lib/server/suggestions/settings';
import {
	countSuggestions,
	listSuggestions,
	readPage,
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
	let page: { offset?: number } = {};
	let filterError: string | null = null;
	try {
		filters = readSuggestionFilters(url.searchParams);
		page = { offset: readPage(url.searchParams).offset };
	} catch (caught) {
		if (!(caught instanceof AppError)) throw caught;
		filterError = m.suggestions_filter_error({ problem: caught.message });
	}
	try {
		const access = await requireSuggestionAccess(db, workspace.id, user.id);
		if (filters.waiting && !access.moderator) filters.waiting = false;
		const [list, counts, categories] = await Promise.all([
			listSuggestions(db, access, user, filters, page),
			countSuggestions(db, access, filters),
			listCategories(db, workspace.id)
		]);
		// Owners edit the box here: its settings and who moderates.
		const owner = access.role === 'owner';
		const settings = owner ? await readSettings(db, workspace.id) : null;
		return {
			suggestions: list.suggestions,
			offset: page.offset ?? 0,
			next: list.next,
			waiting: Boolean(filters.waiting),
			counts,
			categories,
			moderator: access.moderator,
			filterError,
			settings
		};
	} catch (caught) {
		throwAsPageError(caught);
	}
};
