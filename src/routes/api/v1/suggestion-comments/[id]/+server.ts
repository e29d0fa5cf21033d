import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { deleteComment, updateComment } from '$lib/server/suggestions/comments';
import { suggestionDeps } from '$lib/server/suggestions/deps';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../params';
import type { RequestHandler } from './$types';

/** `{body}` edits your own comment; moderators send `{hidden, hiddenReason}`. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'comment');
	const body = requireObject(await readJson(request));
	const runtime = await getRuntime();
	await updateComment(suggestionDeps(runtime), id, user.id, body);
	return json({ id });
});

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'comment');
	const runtime = await getRuntime();
	await deleteComment(suggestionDeps(runtime), id, user.id);
	return new Response(null, { status: 204 });
});
