import { json } from '@sveltejs/kit';
import { isDocumentKind } from '$lib/model/kinds';
import { badRequest } from '$lib/server/errors';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject, requireString } from '$lib/server/validate';
import { listTemplates, saveTemplate } from '$lib/server/workspace-templates';
import { m } from '$lib/paraglide/messages';
import { requireIdParam } from '../../../params';
import { serializeTemplate } from '../../../serialize';
import type { RequestHandler } from './$types';

/** The workspace's own templates; `?kind=framework` only that kind's. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const kind = url.searchParams.get('kind');
	if (kind !== null && !isDocumentKind(kind))
		throw badRequest(m.doclist_bad_param({ param: 'kind' }));
	const { db } = await getRuntime();
	const templates = await listTemplates(db, workspaceId, user.id, { kind: kind ?? undefined });
	return json({ templates: templates.map(serializeTemplate) });
});

/** Saves a copy of `documentId`'s current content as a template named `name`. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const documentId = requireString(body.documentId, 'documentId', { max: 40 });
	const { db, sync } = await getRuntime();
	const template = await saveTemplate({ db, sync }, workspaceId, documentId, user.id, {
		name: body.name
	});
	return json(serializeTemplate(template), { status: 201 });
});
