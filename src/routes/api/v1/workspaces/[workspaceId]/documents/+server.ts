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
import { readDocumentListQuery } from '$lib/model/document-list';

function readBooleanParam(url: URL, field: 'archived' | 'pinned'): boolean {
	const value = url.searchParams.get(field);
	if (value === null || value === 'false') return false;
	if (value === 'true') return true;
	throw badRequest(m.server_field_boolean({ field }));
}

/**
 * Active documents by default, most recently edited first; `?archived=true`
 * lists the archive, `?pinned=true` only pinned ones; `sort`, `kind`, `owner`
 * and `edited` as in src/lib/model/document-list.ts (an unknown value is a 400).
 */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const archived = readBooleanParam(url, 'archived');
	const pinned = readBooleanParam(url, 'pinned');
	const { query, invalid } = readDocumentListQuery(url.searchParams);
	if (invalid.length > 0) throw badRequest(m.doclist_bad_param({ param: invalid[0] }));
	const runtime = await getRuntime();
	await requireWorkspaceRole(runtime.db, workspaceId, user.id);
	const documents = await listDocuments(runtime.db, workspaceId, { archived, pinned, query });
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
