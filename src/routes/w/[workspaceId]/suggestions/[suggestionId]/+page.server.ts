import { getRuntime } from '$lib/server/runtime';
import { requireSuggestionAccess } from '$lib/server/suggestions/access';
import { listComments } from '$lib/server/suggestions/comments';
import { requireSuggestion } from '$lib/server/suggestions/lookup';
import { listDuplicates, listSuggestions } from '$lib/server/suggestions/queries';
import { readTimeline } from '$lib/server/suggestions/timeline';
import { requireUser, throwAsPageError } from '../../../../form-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params, url, locals, depends }) => {
	depends('app:suggestion');
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	try {
		const access = await requireSuggestionAccess(db, workspace.id, user.id);
		const suggestion = await requireSuggestion(db, access, user, params.suggestionId);
		const [duplicates, timeline, comments] = await Promise.all([
			listDuplicates(db, access, suggestion.id),
			readTimeline(db, suggestion.id),
			listComments(db, access, {
				id: suggestion.id,
				anonymous: suggestion.anonymous,
				authorId: suggestion.anonymous ? null : (suggestion.author?.id ?? null),
				authorName: suggestion.anonymous ? null : (suggestion.author?.name ?? null)
			})
		]);
		// What a moderator may merge this one into: the other suggestions still open.
		const others = access.moderator
			? (await listSuggestions(db, access, user, {}))
					.filter((o) => o.id !== suggestion.id && !o.mergedInto)
					.map((o) => ({ id: o.id, title: o.title }))
			: [];
		return { suggestion, duplicates, timeline, comments, others, moderator: access.moderator };
	} catch (caught) {
		throwAsPageError(caught);
	}
};
