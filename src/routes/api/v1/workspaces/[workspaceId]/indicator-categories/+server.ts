import { json } from '@sveltejs/kit';
import { requireEditor, requireIndicatorAccess } from '$lib/server/indicators/access';
import { addIndicatorCategory, listIndicatorCategories } from '$lib/server/indicators/categories';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireIndicatorAccess(db, workspaceId, user.id);
	return json({ categories: await listIndicatorCategories(db, workspaceId) });
});

/** `{name}`: a new category (editors). */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	requireEditor(await requireIndicatorAccess(db, workspaceId, user.id));
	return json(await addIndicatorCategory(db, workspaceId, body), { status: 201 });
});
