import { json } from '@sveltejs/kit';
import { createDocument, listDocuments } from '$lib/server/documents';
import { badRequest } from '$lib/server/errors';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import { serializeDocument, serializePresence } from '../../../serialize';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

function readArchivedParam(url: URL): boolean {
	const value = url.searchParams.get('archived');
	if (value === null || value === 'false') return false;
	if (value === 'true') return true;
	throw badRequest(m.server_field_boolean({ field: 'archived' }));
}

/** Active documents by default, most recently edited first; `?archived=true` lists the archive. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const archived = readArchivedParam(url);
	const runtime = await getRuntime();
	await requireWorkspaceRole(runtime.db, workspaceId, user.id);
	const documents = await listDocuments(runtime.db, workspaceId, { archived });
	const presence = runtime.sync?.presence(documents.map((d) => d.id));
	return json({
		documents: documents.map((document) => ({
			...serializeDocument(document),
			present: serializePresence(presence?.get(document.id))
		}))
	});
});

export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	// Kind-specific settings (a retro's template, anonymity, vote limits) ride along.
	const document = await createDocument(db, workspaceId, user.id, {
		...body,
		kind: body.kind,
		title: body.title
	});
	return json(serializeDocument(document), { status: 201 });
});
