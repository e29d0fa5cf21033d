import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from '$lib/server/db';
import { notFound } from '$lib/server/errors';
import { findEvaluation, type EvaluationView } from '$lib/server/evaluations/queries';
import { apiRoute } from '$lib/server/http';
import { requireIndicatorAccess, type IndicatorAccess } from '$lib/server/indicators/access';
import { noSuch } from '$lib/server/id-nouns';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../../params';

export interface EvaluationContext {
	db: Database;
	access: IndicatorAccess;
	evaluationId: string;
}

/** An endpoint about one evaluation: parses both ids and finds the caller's access before `handle`. */
export function evaluationRoute<
	E extends RequestEvent<{ workspaceId: string; evaluationId: string }>
>(
	handle: (context: EvaluationContext, event: E) => Promise<Response>
): (event: E) => Promise<Response> {
	return apiRoute(async (event: E, user) => {
		const workspaceId = requireIdParam(event.params.workspaceId, 'workspace');
		const evaluationId = requireIdParam(event.params.evaluationId, 'evaluation');
		const { db } = await getRuntime();
		const access = await requireIndicatorAccess(db, workspaceId, user.id);
		return handle({ db, access, evaluationId }, event);
	});
}

export async function requireFound(
	db: Database,
	access: IndicatorAccess,
	evaluationId: string
): Promise<EvaluationView> {
	const found = await findEvaluation(db, access.workspaceId, evaluationId);
	if (!found) throw notFound(noSuch('evaluation'));
	return found;
}
