import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { deleteTemplate } from '$lib/server/workspace-templates';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/** Deletes a workspace template; documents made from it keep their content. */
export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const templateId = requireIdParam(params.templateId, 'template');
	const { db } = await getRuntime();
	await deleteTemplate(db, workspaceId, templateId, user.id);
	return new Response(null, { status: 204 });
});
