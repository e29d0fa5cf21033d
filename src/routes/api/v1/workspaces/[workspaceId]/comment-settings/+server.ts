import { json } from '@sveltejs/kit';
import { changeCommentSettings, readCommentSettings } from '$lib/server/comments/settings';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireWorkspaceRole(db, workspaceId, user.id);
	return json(await readCommentSettings(db, workspaceId));
});

/** Owners: `{viewersCanComment: boolean}`. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	return json(await changeCommentSettings(db, workspaceId, user.id, body));
});
