import { listDocuments } from '$lib/server/documents';
import { findIndicator } from '$lib/server/indicators/access';
import { getRuntime } from '$lib/server/runtime';
import { ensureSettings, listCategories } from '$lib/server/suggestions/access';
import type { PageServerLoad } from './$types';

/** `?indicator=<id>`: proposed from that indicator's signal, so the suggestion is linked to it. */
export const load: PageServerLoad = async ({ parent, url }) => {
	const { workspace } = await parent();
	const { db } = await getRuntime();
	const indicatorId = url.searchParams.get('indicator');
	const [settings, categories, documents, indicator] = await Promise.all([
		ensureSettings(db, workspace.id),
		listCategories(db, workspace.id),
		listDocuments(db, workspace.id),
		indicatorId && /^[a-z2-7]{20}$/.test(indicatorId)
			? findIndicator(db, workspace.id, indicatorId)
			: Promise.resolve(null)
	]);
	return {
		allowAnonymous: settings.allowAnonymous,
		categories,
		documents: documents
			.filter((d) => !d.archivedAt)
			.map((d) => ({ id: d.id, title: d.title, kind: d.kind })),
		indicator:
			indicator && !indicator.archivedAt ? { id: indicator.id, name: indicator.name } : null
	};
};
