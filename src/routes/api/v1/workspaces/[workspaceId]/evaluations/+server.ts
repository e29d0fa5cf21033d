import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { createEvaluation } from '$lib/server/evaluations/commands';
import { findEvaluation, listEvaluations, readEvaluations } from '$lib/server/evaluations/queries';
import { badRequest } from '$lib/server/errors';
import { apiRoute, readJson } from '$lib/server/http';
import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

/** How many evaluations one comparison reads: five years of months. */
const COMPARE_MAX = 60;

/**
 * The workspace's evaluations, newest month first, without their values;
 * `?ids=a,b,c` answers those evaluations in full, oldest first, to compare.
 */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const { db } = await getRuntime();
	await requireIndicatorAccess(db, workspaceId, user.id);
	const ids = url.searchParams.get('ids');
	if (ids !== null) {
		const list = ids.split(',').filter((id) => id !== '');
		if (list.length > COMPARE_MAX || list.some((id) => !/^[a-z2-7]{20}$/.test(id))) {
			throw badRequest(m.evaluations_error_ids({ max: String(COMPARE_MAX) }));
		}
		return json({ evaluations: await readEvaluations(db, workspaceId, list) });
	}
	return json({ evaluations: await listEvaluations(db, workspaceId) });
});

/** `{period: '2026-11', ratings?, conclusion?}` (editors): the month's values are filled in. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db } = await getRuntime();
	const access = await requireIndicatorAccess(db, workspaceId, user.id);
	const id = await createEvaluation(db, access, body);
	return json(await findEvaluation(db, workspaceId, id), { status: 201 });
});
