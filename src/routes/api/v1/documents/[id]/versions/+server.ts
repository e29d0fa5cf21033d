import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { nameVersion, requireVersionedDocument } from '$lib/server/versions/commands';
import { listVersions } from '$lib/server/versions/store';
import { requireIdParam } from '../../../params';
import { serializeVersion, versionDeps } from './version-route';
import type { RequestHandler } from './$types';

/** The document's versions, newest first (viewers too). */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { db } = await getRuntime();
	await requireVersionedDocument(db, id, user.id);
	return json({ versions: (await listVersions(db, id)).map(serializeVersion) });
});

/** Saves the current content as a named version (editors). */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'document');
	const body = requireObject(await readJson(request));
	const version = await nameVersion(versionDeps(await getRuntime()), id, user.id, body);
	return json(serializeVersion(version), { status: 201 });
});
