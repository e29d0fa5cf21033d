import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { findIndicatorWorkspace } from '$lib/server/indicators/queries';
import { readChart } from '$lib/server/indicators/review';
import { notFound } from '$lib/server/errors';
import { noSuch } from '$lib/server/id-nouns';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../params';
import type { RequestHandler } from './$types';

/** A chart picture sent to a review meeting: members of the indicator's workspace only. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'chart');
	const { db } = await getRuntime();
	const chart = await readChart(db, id);
	if (!chart) throw notFound(noSuch('chart'));
	const workspaceId = await findIndicatorWorkspace(db, chart.indicatorId);
	if (!workspaceId) throw notFound(noSuch('chart'));
	await requireIndicatorAccess(db, workspaceId, user.id);
	return new Response(Buffer.from(chart.png), {
		headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=86400' }
	});
});
