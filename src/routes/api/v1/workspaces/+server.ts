import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { createWorkspace, listWorkspaces } from '$lib/server/workspaces';
import { serializeWorkspace, serializeWorkspaceSummary } from '../serialize';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async (_event, user) => {
	const { db } = await getRuntime();
	const workspaces = await listWorkspaces(db, user.id);
	return json({ workspaces: workspaces.map(serializeWorkspaceSummary) });
});

export const POST: RequestHandler = apiRoute(async ({ request }, user) => {
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const workspace = await createWorkspace(db, user.id, body.name);
	return json(serializeWorkspace(workspace), { status: 201 });
});
