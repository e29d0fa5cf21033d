import { readEvaluations } from '$lib/server/evaluations/queries';
import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { getRuntime } from '$lib/server/runtime';
import { requireUser, throwAsPageError } from '../../../../../form-errors';
import type { PageServerLoad } from './$types';

/** `?ids=a,b,c`: those evaluations side by side, oldest month on the left. */
export const load: PageServerLoad = async ({ parent, url, locals }) => {
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	try {
		await requireIndicatorAccess(db, workspace.id, user.id);
		const ids = (url.searchParams.get('ids') ?? '')
			.split(',')
			.filter((id) => /^[a-z2-7]{20}$/.test(id))
			.slice(0, 60);
		return { evaluations: await readEvaluations(db, workspace.id, ids) };
	} catch (caught) {
		throwAsPageError(caught);
	}
};
