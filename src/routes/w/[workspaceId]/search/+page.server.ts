import { MAX_QUERY_CHARS } from '$lib/model/search/query';
import { getRuntime } from '$lib/server/runtime';
import { searchWorkspace } from '$lib/server/search/search-workspace';
import type { PageServerLoad } from './$types';

/** The layout has checked membership; the query is cut to the length the box allows. */
export const load: PageServerLoad = async ({ url, parent, locals }) => {
	const { workspace } = await parent();
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY_CHARS);
	if (!q || !locals.user) return { q, results: [] };
	const { db } = await getRuntime();
	const results = await searchWorkspace(
		db,
		{ workspaceId: workspace.id, userId: locals.user.id, role: workspace.role },
		q,
		50
	);
	return { q, results };
};
