import { json } from '@sveltejs/kit';
import { requireDocumentRole, updateDocument } from '$lib/server/documents';
import { badRequest } from '$lib/server/errors';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../params';
import { serializeDocument } from '../../serialize';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { db } = await getRuntime();
	const { document } = await requireDocumentRole(db, id, user.id);
	return json(serializeDocument(document));
});

/** Renames, archives (`archived: true`) or restores (`archived: false`) a document. */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const body = requireObject(await readJson(request));
	if (body.title === undefined && body.archived === undefined) {
		throw badRequest(m.server_send_title_or_archived());
	}
	const { db } = await getRuntime();
	const document = await updateDocument(db, id, user.id, {
		title: body.title,
		archived: body.archived
	});
	return json(serializeDocument(document));
});

/**
 * Archives the document. Nothing a user wrote is deleted through the API:
 * PATCH `{archived: false}` brings it back. Archiving twice keeps the first date.
 */
export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { db } = await getRuntime();
	const { document } = await requireDocumentRole(db, id, user.id, 'editor');
	if (!document.archivedAt) await updateDocument(db, id, user.id, { archived: true });
	return new Response(null, { status: 204 });
});
