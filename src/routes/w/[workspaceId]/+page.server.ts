import { redirect } from '@sveltejs/kit';
import { createDocument, findDocument, listDocuments, updateDocument } from '$lib/server/documents';
import { notFound } from '$lib/server/errors';
import { getRuntime } from '$lib/server/runtime';
import { requireString } from '$lib/server/validate';
import { m } from '$lib/paraglide/messages';
import { countTasks, listTasks } from '$lib/server/tasks';
import { listIndicatorCategories } from '$lib/server/indicators/categories';
import { listIndicators } from '$lib/server/indicators/queries';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { failFromError, readField, requireUser } from '../../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, locals, depends }) => {
	depends('app:my-actions');
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db, sync } = await getRuntime();
	const archived = url.searchParams.get('archived') === '1';
	const [documents, myTasks, counts, indicators, indicatorCategories] = await Promise.all([
		listDocuments(db, workspace.id, { archived }),
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
		const template = readField(form, `template-${kind}`) || undefined;
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
					markdown,
					...retro
				})
			).id;
		} catch (caught) {
			return failFromError(caught, { action: 'create', kind, title, template, ...retro });
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
