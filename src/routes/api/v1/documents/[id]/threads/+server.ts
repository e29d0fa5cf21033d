import { json } from '@sveltejs/kit';
import type { ThreadList } from '$lib/model/comments/view';
import { getCommentAccess, requireCommentWriter } from '$lib/server/comments/access';
import { createThread } from '$lib/server/comments/commands';
import { listThreads } from '$lib/server/comments/queries';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

/** The document's comment threads, open and resolved, and whether the caller may comment. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { db } = await getRuntime();
	const access = await getCommentAccess(db, id, user.id);
	const list: ThreadList = {
		canComment: access.canComment,
		threads: await listThreads(db, id, user.id)
	};
	return json(list);
});

/** `{anchor: {start, end}, quote, body}` starts a thread on a text selection. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const access = await requireCommentWriter(db, id, user.id);
	const created = await createThread(db, access, body);
	return json({ id: created.threadId, commentId: created.commentId }, { status: 201 });
});
