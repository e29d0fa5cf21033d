import { listDocuments } from '$lib/server/documents';
import { getRuntime } from '$lib/server/runtime';
import { ensureSettings, listCategories } from '$lib/server/suggestions/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { workspace } = await parent();
	const { db } = await getRuntime();
	const [settings, categories, documents] = await Promise.all([
		ensureSettings(db, workspace.id),
		listCategories(db, workspace.id),
		listDocuments(db, workspace.id)
	]);
	return {
		allowAnonymous: settings.allowAnonymous,
		categories,
		documents: documents
			.filter((d) => !d.archivedAt)
			.map((d) => ({ id: d.id, title: d.title, kind: d.kind }))
	};
};
