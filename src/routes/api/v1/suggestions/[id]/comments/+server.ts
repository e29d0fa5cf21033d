import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { addComment, listComments } from '$lib/server/suggestions/comments';
import { suggestionDeps } from '$lib/server/suggestions/deps';
import { accessToSuggestion, requireSuggestion } from '$lib/server/suggestions/lookup';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../params';
import { serializeComment } from '../../serialize-suggestion';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'suggestion');
	const { db } = await getRuntime();
	const access = await accessToSuggestion(db, id, user.id);
	const suggestion = await requireSuggestion(db, access, user, id);
	const comments = await listComments(db, access, {
		id,
		anonymous: suggestion.anonymous,
		authorId: suggestion.anonymous ? null : (suggestion.author?.id ?? null),
		authorName: suggestion.anonymous ? null : (suggestion.author?.name ?? null)
	});
	return json({ comments: comments.map(serializeComment) });
});

/** `{body}`; `@Name` mentions a member. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'suggestion');
	const body = requireObject(await readJson(request));
	const runtime = await getRuntime();
	const access = await accessToSuggestion(runtime.db, id, user.id);
	const commentId = await addComment(suggestionDeps(runtime), access, id, body);
	return json({ id: commentId }, { status: 201 });
});
