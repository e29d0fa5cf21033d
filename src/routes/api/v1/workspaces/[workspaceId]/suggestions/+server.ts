import { json } from '@sveltejs/kit';
import { attachmentDisposition, fileNameOf } from '$lib/model/file-names';
import { m } from '$lib/paraglide/messages';
import { apiRoute, appOrigin, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireSuggestionAccess } from '$lib/server/suggestions/access';
import { proposeSuggestion } from '$lib/server/suggestions/commands';
import { suggestionsToCsv } from '$lib/server/suggestions/csv';
import { suggestionDeps } from '$lib/server/suggestions/deps';
import { requireSuggestion } from '$lib/server/suggestions/lookup';
import {
	countSuggestions,
	listAllSuggestions,
	listSuggestions,
	readPage,
	readSuggestionFilters
} from '$lib/server/suggestions/queries';
import { requireObject, requireOneOf } from '$lib/server/validate';
import { requireIdParam } from '../../../params';
import { serializeSuggestion } from '../../../suggestions/serialize-suggestion';
import type { RequestHandler } from './$types';

/**
 * The suggestion box: filters and sort as query parameters, pages by `limit`
 * and `offset` (the answer's `next` is the offset of the next page, or null);
 * `?format=csv` downloads everything the filters match.
 */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const format = requireOneOf(url.searchParams.get('format') ?? 'json', 'format', [
		'json',
		'csv'
	] as const);
	const filters = readSuggestionFilters(url.searchParams);
	const runtime = await getRuntime();
	const page = readPage(url.searchParams);
	const access = await requireSuggestionAccess(runtime.db, workspaceId, user.id);
	if (format === 'csv') {
		const list = await listAllSuggestions(runtime.db, access, user, filters);
		const day = new Date().toISOString().slice(0, 10);
		const name = m.suggestions_csv_file_name({ workspace: access.workspaceName, day });
		return new Response(suggestionsToCsv(list, appOrigin(url, runtime.config)), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': attachmentDisposition(
					`${fileNameOf(name, 'suggestions')}.csv`,
					`suggestions-${workspaceId}-${day}.csv`
				),
				'cache-control': 'no-store'
			}
		});
	}
	const { suggestions, next } = await listSuggestions(runtime.db, access, user, filters, page);
	const counts = await countSuggestions(runtime.db, access, filters);
	return json({ suggestions: suggestions.map(serializeSuggestion), counts, next });
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
