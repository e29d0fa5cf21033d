import { listDocuments } from '$lib/server/documents';
import { notFound } from '$lib/server/errors';
import { noSuch } from '$lib/server/id-nouns';
import { findIndicator, requireIndicatorAccess } from '$lib/server/indicators/access';
import { listIndicatorCategories } from '$lib/server/indicators/categories';
import { listChanges, readIndicatorView } from '$lib/server/indicators/queries';
import { readSeries } from '$lib/server/indicators/series';
import { getRuntime } from '$lib/server/runtime';
import { listMembers } from '$lib/server/workspaces';
import { requireUser, throwAsPageError } from '../../../../form-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals, params, depends }) => {
	depends('app:indicator');
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	try {
		const access = await requireIndicatorAccess(db, workspace.id, user.id);
		const row = await findIndicator(db, workspace.id, params.indicatorId);
		if (!row) throw notFound(noSuch('indicator'));
		const [indicator, series, changes, categories, members, documents] = await Promise.all([
			readIndicatorView(db, row),
			readSeries(db, row),
			listChanges(db, row.id, { limit: 30 }),
			listIndicatorCategories(db, workspace.id),
			access.editor ? listMembers(db, workspace.id) : Promise.resolve([]),
			access.editor ? listDocuments(db, workspace.id) : Promise.resolve([])
		]);
		return {
			indicator,
			series,
			changes,
			categories,
			members: members.map((m) => ({ id: m.userId, name: m.name })),
			boards: documents
				.filter((d) => d.kind === 'retro')
				.map((d) => ({ id: d.id, title: d.title })),
			canEdit: access.editor
		};
	} catch (caught) {
		throwAsPageError(caught);
	}
};
