import { listDocuments } from '$lib/server/documents';
import { getRuntime } from '$lib/server/runtime';
import { AppError } from '$lib/server/errors';
import {
	countTasks,
	createManualTask,
	listTasks,
	readTaskFilters,
	type TaskFilters
} from '$lib/server/tasks';
import { listMembers } from '$lib/server/workspaces';
import { failFromError, readField, requireUser } from '../../../form-errors';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ parent, url, locals, depends }) => {
	// The page's EventSource invalidates this key when a task changes.
	depends('app:tasks');
	const user = requireUser(locals, url);
	const { workspace } = await parent();
	const { db } = await getRuntime();
	// A hand-edited or outdated link should still show the list: unfiltered,
	// with a sentence saying which parameter was not understood.
	let filters: TaskFilters = {};
	let filterError: string | null = null;
	try {
		filters = readTaskFilters(url.searchParams, user.id);
	} catch (caught) {
		if (!(caught instanceof AppError)) throw caught;
		filterError = m.server_tasks_filter_fallback({ problem: caught.message });
	}
	const [tasks, counts, members, active, archived] = await Promise.all([
		listTasks(db, workspace.id, filters),
		countTasks(db, workspace.id, filters),
		listMembers(db, workspace.id),
		listDocuments(db, workspace.id),
		listDocuments(db, workspace.id, { archived: true })
	]);
	return {
		user: { id: user.id, name: user.name },
		tasks,
		counts,
		filterError,
		members: members.map((m) => ({ id: m.userId, name: m.name })),
		documents: [...active, ...archived]
			.map((d) => ({ id: d.id, title: d.title, kind: d.kind }))
			.sort((a, b) => a.title.localeCompare(b.title))
	};
};

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db, taskEvents } = await getRuntime();
		const form = await request.formData();
		const input = {
			title: readField(form, 'title'),
			assigneeId: readField(form, 'assigneeId') || null,
			dueDate: readField(form, 'dueDate') || null,
			priority: readField(form, 'priority') || 'normal'
		};
		try {
			const task = await createManualTask(db, taskEvents, params.workspaceId, user.id, input);
			return { created: task.title };
		} catch (caught) {
			return failFromError(caught, input);
		}
	}
};
