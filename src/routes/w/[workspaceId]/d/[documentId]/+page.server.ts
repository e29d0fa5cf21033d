import { error } from '@sveltejs/kit';
import { requireDocumentRole } from '$lib/server/documents';
import { getRuntime } from '$lib/server/runtime';
import { listMembers } from '$lib/server/workspaces';
import { requireUser, throwAsPageError } from '../../../../form-errors';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	let access;
	try {
		access = await requireDocumentRole(db, params.documentId, user.id);
	} catch (caught) {
		throwAsPageError(caught);
	}
	// A document id under another workspace's URL is not found here, whatever the caller may see elsewhere.
	if (access.document.workspaceId !== workspace.id)
		error(404, { message: m.server_no_such_document() });
	// Offered for @-mentions and checklist assignees; ids and names only, never e-mail addresses.
	const members = (await listMembers(db, workspace.id)).map((m) => ({
		id: m.userId,
		name: m.name
	}));
	return { document: access.document, role: access.role, user, workspace, members };
};
