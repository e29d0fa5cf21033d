import { notFound } from '$lib/server/errors';
import { findEvaluation } from '$lib/server/evaluations/queries';
import { noSuch } from '$lib/server/id-nouns';
import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { getRuntime } from '$lib/server/runtime';
import { requireUser, throwAsPageError } from '../../../../../form-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals, params }) => {
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	try {
		const access = await requireIndicatorAccess(db, workspace.id, user.id);
		const evaluation = await findEvaluation(db, workspace.id, params.evaluationId);
		if (!evaluation) throw notFound(noSuch('evaluation'));
		return { evaluation, canEdit: access.editor };
	} catch (caught) {
		throwAsPageError(caught);
	}
};
