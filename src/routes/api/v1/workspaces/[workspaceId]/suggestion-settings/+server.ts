import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireSuggestionAccess } from '$lib/server/suggestions/access';
import { changeSettings, readSettings } from '$lib/server/suggestions/settings';
import { requireObject } from '$lib/server/validate';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

/** The box's settings: anonymous allowed, categories (every member reads them), moderators. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireSuggestionAccess(db, workspaceId, user.id);
	return json(await readSettings(db, workspaceId));
});

export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	await requireWorkspaceRole(db, workspaceId, user.id, 'owner');
	await changeSettings(db, workspaceId, body);
	return json(await readSettings(db, workspaceId));
});
