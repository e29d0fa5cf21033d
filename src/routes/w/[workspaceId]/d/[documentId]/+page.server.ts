import { error } from '@sveltejs/kit';
import { requireDocumentRole } from '$lib/server/documents';
import { getRuntime } from '$lib/server/runtime';
import { listMembers } from '$lib/server/workspaces';
import { pinDocument, unpinDocument } from '$lib/server/document-pins';
import { saveTemplate } from '$lib/server/workspace-templates';
import { failFromError, readField, requireUser, throwAsPageError } from '../../../../form-errors';
import type { Actions, PageServerLoad } from './$types';
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

/** The document in the URL, pinned or unpinned by the person on the page (editors only). */
async function setPinned(locals: App.Locals, url: URL, documentId: string, pinned: boolean) {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	const action = pinned ? 'pin' : 'unpin';
	try {
		await (pinned ? pinDocument : unpinDocument)(db, documentId, user.id);
		return { action };
	} catch (caught) {
		return failFromError(caught, { action });
	}
}

export const actions: Actions = {
	pin: async ({ locals, url, params }) => setPinned(locals, url, params.documentId, true),
	unpin: async ({ locals, url, params }) => setPinned(locals, url, params.documentId, false),

	saveTemplate: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db, sync } = await getRuntime();
		const form = await request.formData();
		const name = readField(form, 'name');
		try {
			const template = await saveTemplate(
				{ db, sync },
				params.workspaceId,
				params.documentId,
				user.id,
				{ name }
			);
			return { action: 'saveTemplate', saved: template.name };
		} catch (caught) {
			return failFromError(caught, { action: 'saveTemplate', name });
		}
	}
};
