import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { addMemberByEmail, listMembers, requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import { serializeMember } from '../../../serialize';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireWorkspaceRole(db, workspaceId, user.id);
	const members = await listMembers(db, workspaceId);
	return json({ members: members.map(serializeMember) });
});

/** Adds someone who already has an account; invitation links cover everyone else. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const member = await addMemberByEmail(db, workspaceId, user.id, {
		email: body.email,
		role: body.role
	});
	return json(serializeMember(member), { status: 201 });
});
