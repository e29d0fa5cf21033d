import { requireCommentWriter } from '$lib/server/comments/access';
import { updateThread } from '$lib/server/comments/commands';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/** `{resolved: true}` resolves the thread, `{resolved: false}` reopens it; `{anchor}` re-anchors it. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const threadId = requireIdParam(params.threadId, 'thread');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const access = await requireCommentWriter(db, id, user.id);
	await updateThread(db, access, threadId, body);
	return new Response(null, { status: 204 });
});
