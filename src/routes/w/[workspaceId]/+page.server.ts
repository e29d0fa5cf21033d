import { redirect } from '@sveltejs/kit';
import {
	createDocument,
	findDocument,
	listDocuments,
	listPinnedDocuments,
	updateDocument
} from '$lib/server/documents';
import { pinDocument, unpinDocument } from '$lib/server/document-pins';
import { deleteTemplate, listTemplates } from '$lib/server/workspace-templates';
import { readDocumentListQuery } from '$lib/model/document-list';
import { readSavedTemplateValue } from '$lib/components/documents/saved-templates';
import { notFound } from '$lib/server/errors';
import { getRuntime } from '$lib/server/runtime';
import { requireString } from '$lib/server/validate';
import { m } from '$lib/paraglide/messages';
import { countTasks, listTasks } from '$lib/server/tasks';
import { listIndicatorCategories } from '$lib/server/indicators/categories';
import { listIndicators } from '$lib/server/indicators/queries';
import { listMembers, requireWorkspaceRole } from '$lib/server/workspaces';
import { failFromError, readField, requireUser } from '../../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals, depends }) => {
	depends('app:my-actions');
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db, sync } = await getRuntime();
	const archived = url.searchParams.get('archived') === '1';
	// A shared link with a value this build does not know shows the list without that filter.
	const { query } = readDocumentListQuery(url.searchParams);
	const [documents, pinned, members, templates, myTasks, counts, indicators, indicatorCategories] =
		await Promise.all([
			listDocuments(db, workspace.id, { archived, query }),
			archived ? [] : listPinnedDocuments(db, workspace.id),
			listMembers(db, workspace.id),
			listTemplates(db, workspace.id, user.id),
			listTasks(db, workspace.id, {
				assigneeId: user.id,
				status: ['open', 'in_progress', 'blocked'],
				sort: 'due'
			}),
			countTasks(db, workspace.id),
			listIndicators(db, workspace.id),
			listIndicatorCategories(db, workspace.id)
		]);
	const presence = sync?.presence(documents.map((d) => d.id)) ?? new Map();
	return {
		archived,
		query,
		pinned,
		// For the owner filter: ids and names only, never e-mail addresses.
		members: members.map((member) => ({ id: member.userId, name: member.name })),
		templates: templates.map((t) => ({
			id: t.id,
			kind: t.kind,
			name: t.name,
			createdByName: t.createdByName
		})),
		documents: documents.map((d) => ({ ...d, present: presence.get(d.id) ?? [] })),
		myTasks,
		overdue: counts.overdue,
		indicators,
		indicatorCategories
	};
};

/**
 * A new retro's board settings as the form sends them: checkboxes are present
 * or absent, numbers arrive as text (an empty field means the default). The
 * service checks the values and says what is wrong.
 */
function readRetroSettings(form: FormData) {
	const number = (name: string) => {
		const value = readField(form, name)?.trim();
		return value ? Number(value) : undefined;
	};
	return {
		anonymous: form.get('anonymous') === 'on',
		voteBudget: number('voteBudget'),
		votesPerCard: number('votesPerCard'),
		hideTallies: form.get('hideTallies') === 'on'
	};
}

/** A form names a document by id; it must be one of this workspace's. */
async function requireDocumentHere(workspaceId: string, form: FormData): Promise<string> {
	const { db } = await getRuntime();
	const id = requireString(form.get('id'), m.server_field_document());
	const document = await findDocument(db, id);
	if (!document || document.workspaceId !== workspaceId) throw notFound(m.home_no_such_document());
	return id;
}

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		const kind = readField(form, 'kind');
		const title = readField(form, 'title');
		// Each kind has its own template chooser; only the chosen kind's counts.
		const chosen = readField(form, `template-${kind}`) || undefined;
		const savedTemplate = readSavedTemplateValue(chosen) ?? undefined;
		const template = savedTemplate ? undefined : chosen;
		const retro = kind === 'retro' ? readRetroSettings(form) : {};
		const file = kind === 'framework' ? form.get('markdown') : null;
		const markdown = file instanceof File && file.size > 0 ? await file.text() : undefined;
		let documentId: string;
		try {
			documentId = (
				await createDocument(db, params.workspaceId, user.id, {
					kind,
					title,
					template,
					savedTemplate,
					markdown,
					...retro
				})
			).id;
		} catch (caught) {
			return failFromError(caught, { action: 'create', kind, title, template: chosen, ...retro });
		}
		redirect(303, `/w/${params.workspaceId}/d/${documentId}`);
	},

	rename: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			const id = await requireDocumentHere(params.workspaceId, form);
			await updateDocument(db, id, user.id, { title: form.get('title') });
			return { action: 'rename', id };
		} catch (caught) {
			return failFromError(caught, { action: 'rename', id: readField(form, 'id') });
		}
	},

	pin: async ({ locals, url, params, request }) => {
		return setPinned(locals, url, params.workspaceId, await request.formData(), true);
	},

	unpin: async ({ locals, url, params, request }) => {
		return setPinned(locals, url, params.workspaceId, await request.formData(), false);
	},

	deleteTemplate: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			const templateId = requireString(form.get('templateId'), 'templateId', { max: 40 });
			await deleteTemplate(db, params.workspaceId, templateId, user.id);
			return { action: 'deleteTemplate' };
		} catch (caught) {
			return failFromError(caught, { action: 'deleteTemplate' });
		}
	},

	archive: async ({ locals, url, params, request }) => {
		return setArchived(locals, url, params.workspaceId, await request.formData(), true);
	},

	restore: async ({ locals, url, params, request }) => {
		return setArchived(locals, url, params.workspaceId, await request.formData(), false);
	}
};

async function setArchived(
	locals: App.Locals,
	url: URL,
	workspaceId: string,
	form: FormData,
	archived: boolean
) {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	try {
		await requireWorkspaceRole(db, workspaceId, user.id, 'editor');
		const id = await requireDocumentHere(workspaceId, form);
		await updateDocument(db, id, user.id, { archived });
		return { action: archived ? 'archive' : 'restore', id };
	} catch (caught) {
		return failFromError(caught, {
			action: archived ? 'archive' : 'restore',
			id: readField(form, 'id')
		});
	}
}

async function setPinned(
	locals: App.Locals,
	url: URL,
	workspaceId: string,
	form: FormData,
	pinned: boolean
) {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	const action = pinned ? 'pin' : 'unpin';
	try {
		const id = await requireDocumentHere(workspaceId, form);
		await (pinned ? pinDocument : unpinDocument)(db, id, user.id);
		return { action, id };
	} catch (caught) {
		return failFromError(caught, { action, id: readField(form, 'id') });
	}
}
