import { getRuntime } from '$lib/server/runtime';
import { listDocuments } from '$lib/server/documents';
import { suggestionDeps } from '$lib/server/suggestions/deps';
import { describeLinks } from '$lib/server/suggestions/targets';
import { requireSuggestionAccess } from '$lib/server/suggestions/access';
import { listComments } from '$lib/server/suggestions/comments';
import { requireSuggestion } from '$lib/server/suggestions/lookup';
import { getSuggestion, listDuplicates, listSuggestions } from '$lib/server/suggestions/queries';
import { readTimeline } from '$lib/server/suggestions/timeline';
import { requireUser, throwAsPageError } from '../../../../form-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params, url, locals, depends }) => {
	depends('app:suggestion');
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const runtime = await getRuntime();
	const { db } = runtime;
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
		// What a moderator may merge this one into: the most recently active others.
		const others = access.moderator
			? (await listSuggestions(db, access, user, { sort: 'updated' }, { limit: 500 })).suggestions
					.filter((o) => o.id !== suggestion.id && !o.mergedInto)
					.map((o) => ({ id: o.id, title: o.title }))
			: [];
		const [links, documents] = await Promise.all([
			describeLinks(suggestionDeps(runtime), workspace.id, suggestion.links),
			access.moderator ? listDocuments(db, workspace.id) : Promise.resolve([])
		]);
		const mergedIntoTitle = suggestion.mergedInto
			? ((await getSuggestion(db, access, user, suggestion.mergedInto))?.title ?? null)
			: null;
		return {
			suggestion,
			duplicates,
			timeline,
			comments,
			others,
			links,
			mergedIntoTitle,
			boards: documents
				.filter((d) => d.kind === 'retro' && !d.archivedAt)
				.map((d) => ({ id: d.id, title: d.title })),
			flows: documents
				.filter((d) => d.kind === 'flow' && !d.archivedAt)
				.map((d) => ({ id: d.id, title: d.title })),
			moderator: access.moderator
		};
	} catch (caught) {
		throwAsPageError(caught);
	}
};
