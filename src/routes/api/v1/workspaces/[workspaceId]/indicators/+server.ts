import { json } from '@sveltejs/kit';
import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { listIndicatorCategories } from '$lib/server/indicators/categories';
import { createIndicator } from '$lib/server/indicators/commands';
import { listIndicators, readIndicatorView } from '$lib/server/indicators/queries';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

/** The workspace's indicators with their latest value, status and signal; `?archived=true` for the archive. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireIndicatorAccess(db, workspaceId, user.id);
	const archived = url.searchParams.get('archived') === 'true';
	return json({
		indicators: await listIndicators(db, workspaceId, { archived }),
		categories: await listIndicatorCategories(db, workspaceId)
	});
});

/** Defines an indicator (editors and owners). */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const access = await requireIndicatorAccess(db, workspaceId, user.id);
	const row = await createIndicator(db, access, body);
	return json(await readIndicatorView(db, row), { status: 201 });
});
