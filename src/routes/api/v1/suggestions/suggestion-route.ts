import { json, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/session';
import { apiRoute, appOrigin, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import type { SuggestionAccess } from '$lib/server/suggestions/access';
import { suggestionDeps, type SuggestionDeps } from '$lib/server/suggestions/deps';
import { accessToSuggestion, requireSuggestion } from '$lib/server/suggestions/lookup';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../params';
import { serializeSuggestion } from './serialize-suggestion';

/**
 * An endpoint that does one thing to one suggestion and answers with the
 * suggestion as the caller now sees it: parse the id and body, find the
 * caller's access, run the command.
 */
export function suggestionAction<E extends RequestEvent<{ id: string }>>(
	act: (
		deps: SuggestionDeps,
		access: SuggestionAccess,
		id: string,
		body: Record<string, unknown>,
		user: SessionUser,
		/** The suggestion's page, absolute: for links written into documents. */
		url: string
	) => Promise<unknown>,
	status = 200
): (event: E) => Promise<Response> {
	return apiRoute(async (event: E, user) => {
		const id = requireIdParam(event.params.id, 'suggestion');
		const body = requireObject(await readJson(event.request));
		const runtime = await getRuntime();
		const access = await accessToSuggestion(runtime.db, id, user.id);
		const url = `${appOrigin(event.url, runtime.config)}/w/${access.workspaceId}/suggestions/${id}`;
		await act(suggestionDeps(runtime), access, id, body, user, url);
		return json(serializeSuggestion(await requireSuggestion(runtime.db, access, user, id)), {
			status
		});
	});
}
