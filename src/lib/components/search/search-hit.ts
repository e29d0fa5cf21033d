import { resolve } from '$app/paths';
import type { Segment } from '$lib/model/search/query';

/** A search result as `GET /api/v1/workspaces/:id/search` gives it (docs/api.md). */
export interface SearchHit {
	type: 'document' | 'task' | 'suggestion';
	id: string;
	title: string;
	documentKind: 'framework' | 'flow' | 'retro' | null;
	passageKey: string | null;
	excerpt: Segment[];
	match: string | null;
	sourceDocumentId: string | null;
	removedFromSource: boolean;
}

/** `?find=` asks the page to show these words (see SearchMatch.svelte). */
function withFind(path: string, match: string | null): string {
	return match ? `${path}?find=${encodeURIComponent(match)}` : path;
}

/** Where a result opens: the document at the passage, or the task's or suggestion's page. */
export function searchHitHref(workspaceId: string, hit: SearchHit): string {
	if (hit.type === 'document') {
		const path = resolve('/w/[workspaceId]/d/[documentId]', { workspaceId, documentId: hit.id });
		return withFind(path, hit.passageKey ? hit.match : null);
	}
	if (hit.type === 'suggestion') {
		const path = resolve('/w/[workspaceId]/suggestions/[suggestionId]', {
			workspaceId,
			suggestionId: hit.id
		});
		return withFind(path, hit.match);
	}
	const tasks = resolve('/w/[workspaceId]/tasks', { workspaceId });
	// The task list hides tasks gone from their document unless asked to show them.
	const query = hit.removedFromSource ? '?includeRemoved=true' : '';
	return `${tasks}${query}#task-${hit.id}`;
}
