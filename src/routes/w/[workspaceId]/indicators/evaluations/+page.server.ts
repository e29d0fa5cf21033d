import { listEvaluations } from '$lib/server/evaluations/queries';
import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { getRuntime } from '$lib/server/runtime';
import { requireUser, throwAsPageError } from '../../../../form-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals }) => {
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	try {
		const access = await requireIndicatorAccess(db, workspace.id, user.id);
		return { evaluations: await listEvaluations(db, workspace.id), canEdit: access.editor };
	} catch (caught) {
		throwAsPageError(caught);
	}
};
