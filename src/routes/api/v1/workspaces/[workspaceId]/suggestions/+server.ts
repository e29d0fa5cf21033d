import { json } from '@sveltejs/kit';
import { apiRoute, appOrigin, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireSuggestionAccess } from '$lib/server/suggestions/access';
import { proposeSuggestion } from '$lib/server/suggestions/commands';
import { suggestionsToCsv } from '$lib/server/suggestions/csv';
import { suggestionDeps } from '$lib/server/suggestions/deps';
import { requireSuggestion } from '$lib/server/suggestions/lookup';
import {
	countSuggestions,
	listSuggestions,
	readSuggestionFilters
} from '$lib/server/suggestions/queries';
import { requireObject, requireOneOf } from '$lib/server/validate';
import { requireIdParam } from '../../../params';
import { serializeSuggestion } from '../../../suggestions/serialize-suggestion';
import type { RequestHandler } from './$types';

/** The suggestion box: filters and sort as query parameters; `?format=csv` downloads the same list. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const format = requireOneOf(url.searchParams.get('format') ?? 'json', 'format', [
		'json',
		'csv'
	] as const);
	const filters = readSuggestionFilters(url.searchParams);
	const runtime = await getRuntime();
	const access = await requireSuggestionAccess(runtime.db, workspaceId, user.id);
	const list = await listSuggestions(runtime.db, access, user, filters);
	if (format === 'csv') {
		const day = new Date().toISOString().slice(0, 10);
		return new Response(suggestionsToCsv(list, appOrigin(url, runtime.config)), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="suggestions-${workspaceId}-${day}.csv"`,
				'cache-control': 'no-store'
			}
		});
	}
	const counts = await countSuggestions(runtime.db, access, filters);
	return json({ suggestions: list.map(serializeSuggestion), counts });
});

export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const runtime = await getRuntime();
	const access = await requireSuggestionAccess(runtime.db, workspaceId, user.id);
	const id = await proposeSuggestion(suggestionDeps(runtime), access, body);
	const suggestion = await requireSuggestion(runtime.db, access, user, id);
	return json(serializeSuggestion(suggestion), { status: 201 });
});
