import { attachmentDisposition, fileNameOf } from '$lib/model/file-names';
import { m } from '$lib/paraglide/messages';
import { json } from '@sveltejs/kit';
import { apiRoute, appOrigin, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { countTasks, createManualTask, listTasks, tasksToCsv } from '$lib/server/tasks';
import { requireObject, requireOneOf } from '$lib/server/validate';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../params';
import { serializeTask, serializeTaskCounts } from '../../../tasks/serialize-task';
import { readApiTaskFilters } from './filters';
import type { RequestHandler } from './$types';

/**
 * The workspace's task list. `?format=csv` answers the same list as a CSV
 * download, so a link on the task page exports exactly what is filtered.
 */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const format = requireOneOf(url.searchParams.get('format') ?? 'json', 'format', [
		'json',
		'csv'
	] as const);
	const filters = readApiTaskFilters(url, user.id);
	const runtime = await getRuntime();
	const workspace = await requireWorkspaceRole(runtime.db, workspaceId, user.id);
	const tasks = await listTasks(runtime.db, workspaceId, filters);
	if (format === 'csv') {
		const day = new Date().toISOString().slice(0, 10);
		return new Response(tasksToCsv(tasks, appOrigin(url, runtime.config)), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': attachmentDisposition(
					`${fileNameOf(m.csv_file_name({ workspace: workspace.name, day }), 'tasks')}.csv`,
					`tasks-${workspaceId}-${day}.csv`
				),
				'cache-control': 'no-store'
			}
		});
	}
	const counts = await countTasks(runtime.db, workspaceId, filters);
	return json({ tasks: tasks.map(serializeTask), counts: serializeTaskCounts(counts) });
});

/** Adds a manual task: one that no document item mirrors. */
export const POST: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const body = requireObject(await readJson(request));
	const { db, taskEvents } = await getRuntime();
	const task = await createManualTask(db, taskEvents, workspaceId, user.id, body);
	return json(serializeTask(task), { status: 201 });
});
