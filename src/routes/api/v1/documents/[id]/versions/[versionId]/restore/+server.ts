import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { restoreVersion } from '$lib/server/versions/commands';
import { requireIdParam } from '../../../../../params';
import { serializeVersion, versionDeps } from '../../version-route';
import type { RequestHandler } from './$types';

/** Restores the version's content as a new change (editors); answers with the version that records it. */
export const POST: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'document');
	const versionId = requireIdParam(params.versionId, 'version');
	const version = await restoreVersion(versionDeps(await getRuntime()), id, user.id, versionId);
	return json(serializeVersion(version));
});
