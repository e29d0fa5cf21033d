import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { badRequest } from '$lib/server/errors';
import {
	renameWorkspace,
	requireWorkspaceRole,
	setWorkspaceTimeZone
} from '$lib/server/workspaces';
import { requireIdParam } from '../../params';
import { serializeWorkspace } from '../../serialize';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	const workspace = await requireWorkspaceRole(db, workspaceId, user.id);
	return json(serializeWorkspace(workspace));
});

export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	if (body.name === undefined && body.timeZone === undefined) {
		throw badRequest(m.server_send_name_or_time_zone());
	}
	if (body.name !== undefined) await renameWorkspace(db, workspaceId, user.id, body.name);
	if (body.timeZone !== undefined) {
		await setWorkspaceTimeZone(db, workspaceId, user.id, body.timeZone);
	}
	return json(serializeWorkspace(await requireWorkspaceRole(db, workspaceId, user.id)));
});
