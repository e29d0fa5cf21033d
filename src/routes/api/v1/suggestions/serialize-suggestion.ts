import type { CommentView } from '$lib/server/suggestions/comments';
import type { SuggestionView } from '$lib/server/suggestions/queries';
import type { TimelineEntry } from '$lib/server/suggestions/timeline';

/** A suggestion as the API returns it. `author` is null when anonymous unless the caller wrote it. */
export function serializeSuggestion(s: SuggestionView) {
	return {
		id: s.id,
		workspaceId: s.workspaceId,
		title: s.title,
		situation: s.situation,
		proposal: s.proposal,
		benefit: s.benefit,
		category: s.category,
		status: s.status,
		statusNote: s.statusNote,
		votes: s.votes,
		voted: s.voted,
		following: s.following,
		anonymous: s.anonymous,
		author: s.author,
		mine: s.mine,
		commentCount: s.commentCount,
		links: s.links,
		task: s.task,
		mergedInto: s.mergedInto,
		hidden: s.hidden,
		result: s.result,
		createdAt: s.createdAt.toISOString(),
		updatedAt: s.updatedAt.toISOString()
	};
}

export function serializeComment(c: CommentView) {
	return {
		id: c.id,
		author: c.author,
		byAuthor: c.byAuthor,
		mine: c.mine,
		body: c.body,
		deleted: c.deleted,
		hidden: c.hidden,
		createdAt: c.createdAt.toISOString(),
		editedAt: c.editedAt?.toISOString() ?? null
	};
}

export function serializeTimeline(entries: TimelineEntry[]) {
	return entries.map((e) => ({
		id: e.id,
		kind: e.kind,
		actor: e.actor,
		data: e.data,
		createdAt: e.createdAt.toISOString()
	}));
}
