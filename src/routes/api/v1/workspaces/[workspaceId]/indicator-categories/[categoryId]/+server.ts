import { json } from '@sveltejs/kit';
import { requireEditor, requireIndicatorAccess } from '$lib/server/indicators/access';
import { renameIndicatorCategory } from '$lib/server/indicators/categories';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/** `{name}` renames; an empty name gives a default category its translated name back. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const categoryId = requireIdParam(params.categoryId, 'category');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	requireEditor(await requireIndicatorAccess(db, workspaceId, user.id));
	await renameIndicatorCategory(db, workspaceId, categoryId, body);
	return json({ ok: true });
});
