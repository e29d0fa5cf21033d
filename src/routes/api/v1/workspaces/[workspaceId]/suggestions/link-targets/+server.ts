import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireSuggestionAccess } from '$lib/server/suggestions/access';
import { suggestionDeps } from '$lib/server/suggestions/deps';
import { listLinkTargets } from '$lib/server/suggestions/targets';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/** `?documentId=`: the steps of a flowchart or the topics of a retro board, to link a suggestion to. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const runtime = await getRuntime();
	await requireSuggestionAccess(runtime.db, workspaceId, user.id);
	const { document, targets } = await listLinkTargets(
		suggestionDeps(runtime),
		workspaceId,
		url.searchParams.get('documentId')
	);
	return json({ documentId: document.id, kind: document.kind, targets });
});
