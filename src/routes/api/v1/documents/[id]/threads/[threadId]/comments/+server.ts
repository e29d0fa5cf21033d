import { json } from '@sveltejs/kit';
import { requireCommentWriter } from '$lib/server/comments/access';
import { replyToThread } from '$lib/server/comments/commands';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../../../params';
import type { RequestHandler } from './$types';

/** `{body}` replies; `@Name` mentions a member. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const threadId = requireIdParam(params.threadId, 'thread');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const access = await requireCommentWriter(db, id, user.id);
	const { commentId } = await replyToThread(db, access, threadId, body);
	return json({ id: commentId }, { status: 201 });
});
