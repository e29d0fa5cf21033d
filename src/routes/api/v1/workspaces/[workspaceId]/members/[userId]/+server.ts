import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { changeMemberRole, removeMember } from '$lib/server/workspaces';
import { requireIdParam } from '../../../../params';
import { serializeMember } from '../../../../serialize';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const userId = requireIdParam(params.userId, 'member');
	const body = requireObject(await readJson(request));
	const runtime = await getRuntime();
	const member = await changeMemberRole(runtime.db, workspaceId, user.id, userId, body.role);
	return json(serializeMember(member));
});

/** Owners remove anyone; removing yourself is leaving. */
export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const userId = requireIdParam(params.userId, 'member');
	const runtime = await getRuntime();
	await removeMember(runtime.db, workspaceId, user.id, userId);
	return new Response(null, { status: 204 });
});
