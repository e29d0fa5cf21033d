import { json } from '@sveltejs/kit';
import { notFound } from '$lib/server/errors';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { getTask, updateTask } from '$lib/server/tasks';
import { requireObject } from '$lib/server/validate';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../params';
import { serializeTask } from '../serialize-task';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'task');
	const { db } = await getRuntime();
	const task = await getTask(db, id);
	if (!task) throw notFound(m.server_no_such_task());
	await requireWorkspaceRole(db, task.workspaceId, user.id);
	return json(serializeTask(task));
});

/**
 * Changes status, priority, assignee, due date, or the title of a manual task.
 * For a task mirroring a document item, done-ness, assignee and due date are
 * written into the document too, so everyone with it open sees the change.
 */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'task');
	const body = requireObject(await readJson(request));
	const runtime = await getRuntime();
	const sync = runtime.sync;
	const task = await updateTask(
		runtime.db,
		runtime.taskEvents,
		sync ? (documentId, change) => sync.changeDocument(documentId, change) : null,
		id,
		user.id,
		body
	);
	return json(serializeTask(task));
});
