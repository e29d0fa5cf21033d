import { requireCommentWriter } from '$lib/server/comments/access';
import { deleteComment, editComment } from '$lib/server/comments/commands';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../../../../params';
import type { RequestHandler } from './$types';

/** `{body}` corrects your own comment. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const threadId = requireIdParam(params.threadId, 'thread');
	const commentId = requireIdParam(params.commentId, 'comment');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const access = await requireCommentWriter(db, id, user.id);
	await editComment(db, access, threadId, commentId, body);
	return new Response(null, { status: 204 });
});

/** Deletes your own comment; the thread stays while it has others. */
export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const threadId = requireIdParam(params.threadId, 'thread');
	const commentId = requireIdParam(params.commentId, 'comment');
	const { db } = await getRuntime();
	const access = await requireCommentWriter(db, id, user.id);
	await deleteComment(db, access, threadId, commentId);
	return new Response(null, { status: 204 });
});
