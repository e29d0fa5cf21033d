import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { listIndicatorCategories } from '$lib/server/indicators/categories';
import { listIndicators } from '$lib/server/indicators/queries';
import { getRuntime } from '$lib/server/runtime';
import { listMembers } from '$lib/server/workspaces';
import { requireUser, throwAsPageError } from '../../../form-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals }) => {
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	try {
		const access = await requireIndicatorAccess(db, workspace.id, user.id);
		const archived = url.searchParams.get('archived') === '1';
		const [indicators, categories, members] = await Promise.all([
			listIndicators(db, workspace.id, { archived }),
			listIndicatorCategories(db, workspace.id),
			access.editor ? listMembers(db, workspace.id) : Promise.resolve([])
		]);
		return {
			indicators,
			categories,
			archived,
			canEdit: access.editor,
			members: members.map((m) => ({ id: m.userId, name: m.name }))
		};
	} catch (caught) {
		throwAsPageError(caught);
	}
};
