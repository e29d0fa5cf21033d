import { json } from '@sveltejs/kit';
import { pinDocument, unpinDocument } from '$lib/server/document-pins';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../../params';
import { serializeDocument } from '../../../serialize';
import type { RequestHandler } from './$types';

/** Pins the document to its workspace's home for everyone; a repeat keeps the first pin. */
export const PUT: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { db } = await getRuntime();
	return json(serializeDocument(await pinDocument(db, id, user.id)));
});

export const DELETE: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { db } = await getRuntime();
	await unpinDocument(db, id, user.id);
	return new Response(null, { status: 204 });
});
