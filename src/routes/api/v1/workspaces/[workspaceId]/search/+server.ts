import { json } from '@sveltejs/kit';
import { MAX_QUERY_CHARS } from '$lib/model/search/query';
import { m } from '$lib/paraglide/messages';
import { badRequest } from '$lib/server/errors';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { MAX_SEARCH_HITS, searchWorkspace } from '$lib/server/search/search-workspace';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

/** `?q=` (1–200 characters) and `?limit=` (1–50, default 20): the best matches first. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const q = (url.searchParams.get('q') ?? '').trim();
	if (!q) throw badRequest(m.server_field_required({ field: 'q' }));
	if (q.length > MAX_QUERY_CHARS) {
		throw badRequest(m.server_field_too_long({ field: 'q', max: MAX_QUERY_CHARS }));
	}
	const limitParam = url.searchParams.get('limit');
	const limit = limitParam === null ? 20 : Number(limitParam);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_HITS) {
		throw badRequest(
			m.server_field_whole_number_range({ field: 'limit', min: 1, max: MAX_SEARCH_HITS })
		);
	}
	const runtime = await getRuntime();
	const workspace = await requireWorkspaceRole(runtime.db, workspaceId, user.id);
	const results = await searchWorkspace(
		runtime.db,
		{ workspaceId, userId: user.id, role: workspace.role },
		q,
		limit
	);
	return json({ results });
});
