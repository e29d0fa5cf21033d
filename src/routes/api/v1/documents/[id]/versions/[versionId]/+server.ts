import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { readVersion } from '$lib/server/versions/commands';
import { requireIdParam } from '../../../../params';
import { serializeVersion } from '../version-route';
import type { RequestHandler } from './$types';

/** One version with its content: `state` is the Yjs update (base64) that builds the document as it was. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const versionId = requireIdParam(params.versionId, 'version');
	const { db } = await getRuntime();
	const { version, state } = await readVersion(db, id, user.id, versionId);
	return json({ ...serializeVersion(version), state: Buffer.from(state).toString('base64') });
});
