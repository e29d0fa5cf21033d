import { json } from '@sveltejs/kit';
import { deleteEvaluation, updateEvaluation } from '$lib/server/evaluations/commands';
import { readJson } from '$lib/server/http';
import { requireObject } from '$lib/server/validate';
import { evaluationRoute, requireFound } from '../evaluation-route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = evaluationRoute(async ({ db, access, evaluationId }) =>
	json({ ...(await requireFound(db, access, evaluationId)), canEdit: access.editor })
);

/** `{ratings?, conclusion?, refreshValues?}` (editors). */
export const PATCH: RequestHandler = evaluationRoute(
	async ({ db, access, evaluationId }, { request }) => {
		const body = requireObject(await readJson(request));
		await updateEvaluation(db, access, evaluationId, body);
		return json(await requireFound(db, access, evaluationId));
	}
);

export const DELETE: RequestHandler = evaluationRoute(async ({ db, access, evaluationId }) => {
	await deleteEvaluation(db, access, evaluationId);
	return new Response(null, { status: 204 });
});
