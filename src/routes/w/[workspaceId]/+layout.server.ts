import { getRuntime } from '$lib/server/runtime';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireUser, throwAsPageError } from '../../form-errors';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	try {
		const workspace = await requireWorkspaceRole(db, params.workspaceId, user.id);
		return {
			workspace: {
				id: workspace.id,
				name: workspace.name,
				role: workspace.role,
				// The browser reads "today" and "overdue" in this zone too (src/lib/model/dates.ts).
				timeZone: workspace.timeZone
			}
		};
	} catch (caught) {
		throwAsPageError(caught);
	}
};
